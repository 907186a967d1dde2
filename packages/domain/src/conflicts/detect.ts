import {
  normaliseAmount,
  normaliseDescription,
  normaliseImages,
  normaliseOptions,
  normaliseStatus,
  normaliseText,
} from "./normalise";

/**
 * Field groups follow the marketplaces' own (Shopee's global-to-shop sync groups, TikTok's
 * `changed_fields`): title and description travel together, as do images, options and variants,
 * price, status. Stock is master-owned and never a conflict (channel-side stock is inventory drift).
 */
export const conflictFieldGroups = ["content", "images", "options", "price", "status"] as const;
export type ConflictFieldGroup = (typeof conflictFieldGroups)[number];

export const conflictFieldGroupLabels: Record<ConflictFieldGroup, string> = {
  content: "Title and description",
  images: "Images",
  options: "Options and variants",
  price: "Price",
  status: "Status",
};

/**
 * What to do when only the channel changed a field group:
 * `adopt` takes the channel's value into master (it then flows to the other shops),
 * `override` keeps it as this listing's channel override, `overwrite` pushes master over it on the
 * next push (recorded, never silent), `conflict` opens a conflict for a person.
 */
export const conflictPolicies = ["adopt", "override", "overwrite", "conflict"] as const;
export type ConflictPolicy = (typeof conflictPolicies)[number];

export const conflictPolicyLabels: Record<ConflictPolicy, string> = {
  adopt: "Adopt into master",
  override: "Keep as channel override",
  overwrite: "Overwrite on next push",
  conflict: "Open a conflict",
};

export const defaultConflictPolicies: Record<ConflictFieldGroup, ConflictPolicy> = {
  content: "conflict",
  images: "conflict",
  options: "conflict",
  price: "conflict",
  status: "conflict",
};

export type ConflictPolicies = Partial<Record<ConflictFieldGroup, ConflictPolicy>>;

/** Shop override, then organization setting, then the default ("open a conflict"). */
export function effectivePolicies(
  organization: ConflictPolicies | null | undefined,
  shop: ConflictPolicies | null | undefined,
): Record<ConflictFieldGroup, ConflictPolicy> {
  const result = { ...defaultConflictPolicies };
  for (const group of conflictFieldGroups) {
    const chosen = shop?.[group] ?? organization?.[group];
    if (chosen) result[group] = chosen;
  }
  return result;
}

/** One side of a listing (base, master or channel). Money in minor units of `currency`. */
export interface ListingFields {
  title?: string | null;
  description?: string | null;
  images?: readonly string[] | null;
  options?: Record<string, string> | null;
  price?: number | string | null;
  currency?: string | null;
  status?: string | null;
}

/** The normalised value of a group as a stable string, or null when the side does not know it. */
export function groupKey(group: ConflictFieldGroup, fields: ListingFields | null | undefined): string | null {
  if (!fields) return null;
  switch (group) {
    case "content": {
      if (fields.title === undefined || fields.title === null) return null;
      // A side that reports no description keeps the compare to the title.
      const description = fields.description === undefined ? null : normaliseDescription(fields.description);
      return JSON.stringify([normaliseText(fields.title), description]);
    }
    case "images":
      return fields.images === undefined || fields.images === null
        ? null
        : JSON.stringify(normaliseImages(fields.images));
    case "options":
      return fields.options === undefined || fields.options === null
        ? null
        : JSON.stringify(normaliseOptions(fields.options));
    case "price": {
      if (fields.price === undefined || fields.price === null || !fields.currency) return null;
      const amount = normaliseAmount(fields.price, fields.currency);
      return amount === null ? null : `${fields.currency.toUpperCase()} ${amount}`;
    }
    case "status": {
      const status = normaliseStatus(fields.status);
      return status;
    }
  }
}

/** Whether two sides show the same value for a group (a side that does not know it never equals). */
function same(group: ConflictFieldGroup, a: ListingFields | null | undefined, b: ListingFields | null | undefined) {
  const left = groupKey(group, a);
  const right = groupKey(group, b);
  if (left === null || right === null) return false;
  if (group === "content") return contentEqual(left, right);
  return left === right;
}

/** Titles must match; descriptions only when both sides report one. */
function contentEqual(left: string, right: string): boolean {
  const [titleA, descriptionA] = JSON.parse(left) as [string, string | null];
  const [titleB, descriptionB] = JSON.parse(right) as [string, string | null];
  if (titleA !== titleB) return false;
  if (descriptionA === null || descriptionB === null) return true;
  return descriptionA === descriptionB;
}

/**
 * The three-way decision for one field group of one listing:
 * - `none`: nothing to do (all equal, or the channel or master value is unknown);
 * - `push`: only master changed, push as today;
 * - `advance`: both changed to the same value (or the channel now shows master): the base moves;
 * - `adopt` | `override` | `overwrite` | `conflict`: only the channel changed, the policy decides;
 * - `conflict` also when both changed to different values (always, whatever the policy).
 * `echo`: the channel shows a value we pushed ourselves (a push whose answer was lost, an older
 * push): never an edit; the base becomes that value and master is pushed if it differs.
 */
export type ConflictDecision =
  | { kind: "none" }
  | { kind: "push" }
  | { kind: "advance" }
  | { kind: "echo" }
  | { kind: "channel_only"; policy: ConflictPolicy }
  | { kind: "both_changed" };

export interface ThreeWayInput {
  group: ConflictFieldGroup;
  base: ListingFields | null | undefined;
  master: ListingFields | null | undefined;
  channel: ListingFields | null | undefined;
  policy: ConflictPolicy;
  /** Normalised keys (`groupKey`) of values we pushed for this group recently (echo suppression). */
  pushedKeys?: readonly string[];
  /**
   * Master's value when the base was recorded, for groups whose channel values live in the
   * platform's own space (images re-hosted on the platform's CDN never equal master's URLs): then
   * "master changed" compares master with this, not with the channel's base. Absent: the base.
   */
  masterBase?: ListingFields | null;
}

export function decideFieldGroup(input: ThreeWayInput): ConflictDecision {
  const { group, base, master, channel, policy } = input;
  const channelKey = groupKey(group, channel);
  const masterKey = groupKey(group, master);
  if (channelKey === null || masterKey === null) return { kind: "none" };
  const baseKey = groupKey(group, base);
  const masterReference = input.masterBase !== undefined ? input.masterBase : base;
  const masterChanged = baseKey === null || !same(group, masterReference, master);
  const channelEqualsMaster = same(group, channel, master);
  // No base: the listing was never pushed and accepted; the link-time choice decides, a push follows.
  if (baseKey === null) return channelEqualsMaster ? { kind: "advance" } : { kind: "push" };
  const channelChanged = !same(group, base, channel);
  if (!channelChanged) return masterChanged ? { kind: "push" } : { kind: "none" };
  if (channelEqualsMaster) return { kind: "advance" };
  if (input.pushedKeys?.some((key) => key === channelKey)) return { kind: "echo" };
  if (masterChanged) return { kind: "both_changed" };
  return { kind: "channel_only", policy };
}

export interface ListingDecision {
  group: ConflictFieldGroup;
  decision: ConflictDecision;
}

/** Every field group of one listing; groups with nothing to do are left out. */
export function decideListing(input: {
  base: ListingFields | null | undefined;
  master: ListingFields | null | undefined;
  channel: ListingFields | null | undefined;
  policies: Record<ConflictFieldGroup, ConflictPolicy>;
  pushedKeys?: Partial<Record<ConflictFieldGroup, readonly string[]>>;
  groups?: readonly ConflictFieldGroup[];
}): ListingDecision[] {
  const out: ListingDecision[] = [];
  for (const group of input.groups ?? conflictFieldGroups) {
    const decision = decideFieldGroup({
      group,
      base: input.base,
      master: input.master,
      channel: input.channel,
      policy: input.policies[group],
      pushedKeys: input.pushedKeys?.[group] ?? [],
    });
    if (decision.kind !== "none") out.push({ group, decision });
  }
  return out;
}

/**
 * Whether an open conflict has become moot and why: the channel and master now agree (someone
 * made them equal on either side), or the channel went back to the base (the seller undid the edit).
 */
export function mootReason(input: {
  group: ConflictFieldGroup;
  base: ListingFields | null | undefined;
  master: ListingFields | null | undefined;
  channel: ListingFields | null | undefined;
}): string | null {
  const { group, base, master, channel } = input;
  if (groupKey(group, channel) === null || groupKey(group, master) === null) return null;
  if (same(group, channel, master)) return "Master and the channel now show the same value";
  if (groupKey(group, base) !== null && same(group, channel, base))
    return "The channel went back to the last synced value";
  return null;
}

/** Picks a group's raw fields from a side (for storing base/master/channel on a conflict). */
export function groupFields(group: ConflictFieldGroup, fields: ListingFields | null | undefined): ListingFields {
  if (!fields) return {};
  switch (group) {
    case "content":
      return {
        title: fields.title ?? null,
        ...(fields.description !== undefined ? { description: fields.description } : {}),
      };
    case "images":
      return { images: fields.images ?? null };
    case "options":
      return { options: fields.options ?? null };
    case "price":
      return { price: fields.price ?? null, currency: fields.currency ?? null };
    case "status":
      return { status: fields.status ?? null };
  }
}
