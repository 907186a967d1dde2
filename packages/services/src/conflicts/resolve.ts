import {
  sqlRows,
  type ConflictSource,
  type ConflictValues,
  type EntityManager,
  type ListingSnapshot,
} from "@syncstore/db";
import { DomainError } from "@syncstore/domain";
import { markListingsForSync } from "../sync/mark";
import { audit, masterStatusOf, refreshConflictStates, setBase, writeMaster } from "./apply";
import { detectConflicts, valuesOf } from "./detect";
import type { DetectedGroup } from "./hash";

export const resolutionStrategies = ["master", "channel", "manual"] as const;
export type ResolutionStrategy = (typeof resolutionStrategies)[number];

export interface ResolveInput {
  organizationId: string;
  conflictIds: readonly string[];
  strategy: ResolutionStrategy;
  /** The merged value for `manual` (all conflicts must be of one field group). */
  value?: ConflictValues;
  actorId: string | null;
  requestId?: string | null;
}

export interface ResolveResult {
  resolved: string[];
  /** Conflicts that were no longer open (resolved by someone else, or moot). */
  skipped: string[];
  /**
   * Open conflicts of the same products on other listings that the new master value closed as moot
   * (master and the channel now agree): a status merged on one variant's listing settles the others.
   */
  closed: string[];
  listingIds: string[];
}

interface LockedConflict {
  id: string;
  listing_id: string;
  field_group: DetectedGroup;
  master: ConflictValues;
  channel: ConflictValues;
  product_id: string | null;
  variant_id: string | null;
  last_synced: ListingSnapshot | null;
  channel_state: ListingSnapshot | null;
  currency: string;
}

/**
 * Resolves open conflicts with one strategy, each audited (who, when, which values):
 * - `master`: the channel's value becomes the base, so the engine pushes master to that listing;
 * - `channel`: the channel's value is adopted into master (and replaces that listing's override),
 *   which then syncs to every other shop; the listing's base becomes it, so nothing is pushed back;
 * - `manual`: the merged value goes into master like `channel`, and is pushed to this listing too.
 * Conflicts no longer open are skipped. Runs in the caller's transaction.
 */
export async function resolveConflicts(tx: EntityManager, input: ResolveInput): Promise<ResolveResult> {
  const result: ResolveResult = { resolved: [], skipped: [], closed: [], listingIds: [] };
  const rows = await sqlRows<LockedConflict & { status: string }>(
    tx,
    `select c.id::text as id, c.status, c.listing_id::text as listing_id, c.field_group, c.master, c.channel,
            coalesce(c.product_id, v.product_id)::text as product_id, coalesce(c.variant_id, l.variant_id)::text as variant_id,
            l.last_synced, l.channel_state, o.currency
       from conflict c
       join listing l on l.id = c.listing_id
       left join variant v on v.id = l.variant_id
       join organization o on o.id = c.organization_id
      where c.organization_id = $1 and c.id = any($2::uuid[])
      order by c.id
      for update of c, l`,
    [input.organizationId, [...input.conflictIds]],
  );
  const found = new Set(rows.map((row) => row.id));
  const missing = input.conflictIds.filter((id) => !found.has(id));
  if (missing.length > 0) throw new DomainError("NOT_FOUND", `No conflict ${missing[0]} in this organization`);
  if (input.strategy === "manual") {
    const groups = new Set(rows.map((row) => row.field_group));
    if (groups.size > 1) throw new DomainError("INVALID", "A manual merge applies to conflicts of one field group");
    if (!input.value) throw new DomainError("INVALID", "A manual merge needs the merged value");
    const group = rows[0]?.field_group;
    if (group === "content" && !input.value.title?.trim())
      throw new DomainError("INVALID", "The merged title must not be empty");
    if (
      group === "price" &&
      !(typeof input.value.price === "number" && Number.isSafeInteger(input.value.price) && input.value.price > 0)
    )
      throw new DomainError("INVALID", "The merged price must be a positive amount");
    if (group === "images" && !(input.value.images?.some((url) => url.trim() !== "") ?? false))
      throw new DomainError("INVALID", "The merged images must name at least one image");
    if (group === "options" && Object.keys(input.value.options ?? {}).length === 0)
      throw new DomainError("INVALID", "The merged options must name at least one option");
    if (group === "status" && !masterStatusOf(input.value.status))
      throw new DomainError("INVALID", "The merged status must be active, inactive or deleted");
  }
  const resume = new Set<string>();
  for (const row of rows) {
    if (row.status !== "open") {
      result.skipped.push(row.id);
      continue;
    }
    const group = row.field_group;
    const channelNow = row.channel_state
      ? valuesOf(group, row.channel_state, row.channel_state.currency ?? row.currency)
      : row.channel;
    // Title and description belong to the channel product: every variant's listing of it moves together.
    const listings =
      group === "content"
        ? await sqlRows<{ id: string; lastSynced: ListingSnapshot | null; channelState: ListingSnapshot | null }>(
            tx,
            `select s.id::text as id, s.last_synced as "lastSynced", s.channel_state as "channelState"
               from listing l join listing s on s.connection_id = l.connection_id and s.external_product_id = l.external_product_id
              where l.id = $1 and s.variant_id is not null
              order by s.id for update of s`,
            [row.listing_id],
          )
        : [{ id: row.listing_id, lastSynced: row.last_synced, channelState: row.channel_state }];
    const setBases = async (values: ConflictValues, masterImages?: string[] | null) => {
      for (const listing of listings) await setBase(tx, listing, group, values, masterImages);
    };
    let value: ConflictValues;
    if (input.strategy === "master") {
      value = row.master;
      await setBases(channelNow, group === "images" ? (row.master.images ?? []) : undefined);
    } else {
      value = input.strategy === "channel" ? channelNow : manualValue(group, input.value ?? {}, row.currency);
      if (group === "price" && (value.currency ?? row.currency) !== row.currency)
        throw new DomainError(
          "INVALID",
          `The channel's price is in ${value.currency ?? "?"} and master in ${row.currency}; merge it manually in ${row.currency}`,
        );
      if (!row.product_id || !row.variant_id)
        throw new DomainError("INVALID", `The listing of conflict ${row.id} is not linked to a master variant`);
      await writeMaster(
        tx,
        {
          organizationId: input.organizationId,
          productId: row.product_id,
          variantId: row.variant_id,
          actorId: input.actorId,
        },
        group,
        value,
      );
      // This listing now shows master: an override or price rule of that group would push something else.
      if (group === "content" || group === "price")
        await sqlRows(
          tx,
          group === "content"
            ? `update listing set title_override = null, description_override = null where id = any($1::uuid[])`
            : `update listing set price_rule = null where id = any($1::uuid[])`,
          [listings.map((listing) => listing.id)],
        );
      await setBases(
        input.strategy === "channel" ? value : channelNow,
        group === "images" ? (value.images ?? []) : undefined,
      );
    }
    await sqlRows(
      tx,
      `update conflict set status = 'resolved', resolution = $2, resolved_value = $3::jsonb, resolved_by_id = $4,
              resolved_at = now(), note = null
        where id = $1`,
      [row.id, input.strategy, JSON.stringify(value), input.actorId],
    );
    await audit(tx, {
      organizationId: input.organizationId,
      actorId: input.actorId,
      action: `conflict.resolve_${input.strategy}`,
      entityId: row.id,
      diff: {
        [group]: {
          before: { base: valuesOf(group, row.last_synced, row.currency), master: row.master, channel: channelNow },
          after: value,
        },
      },
      requestId: input.requestId ?? null,
    });
    for (const listing of listings) resume.add(listing.id);
    result.resolved.push(row.id);
  }
  if (input.strategy !== "master") result.closed = await recheckSiblings(tx, input.organizationId, rows);
  result.listingIds = [...resume];
  if (resume.size > 0) await markListingsForSync(tx, { organizationId: input.organizationId, listingIds: [...resume] });
  // Listings not re-queued (nothing to push) leave the `conflict` state now that it is resolved.
  await refreshConflictStates(tx, [...resume]);
  return result;
}

/**
 * Master changed (a channel value adopted, or a merged value): the open conflicts of the same field
 * groups on the products' other listings (other variants, other shops) are detected again against
 * it, with the channel state each listing last recorded. One that master now agrees with closes as
 * moot; the others show master as it is now instead of the value seen when they opened.
 */
async function recheckSiblings(
  tx: EntityManager,
  organizationId: string,
  rows: readonly (LockedConflict & { status: string })[],
): Promise<string[]> {
  const written = rows.filter((row) => row.status === "open" && row.product_id !== null);
  if (written.length === 0) return [];
  const siblings = await sqlRows<{ listingId: string; source: ConflictSource; seenAt: string; group: DetectedGroup }>(
    tx,
    `select c.listing_id::text as "listingId", c.source, to_json(coalesce(l.channel_state_at, c.channel_seen_at)) #>> '{}' as "seenAt",
            c.field_group as "group"
       from conflict c
       join listing l on l.id = c.listing_id
       join variant v on v.id = l.variant_id
      where c.organization_id = $1 and c.status = 'open'
        and v.product_id = any($2::uuid[]) and c.field_group = any($3::text[])
      order by c.listing_id`,
    [
      organizationId,
      [...new Set(written.map((row) => row.product_id))],
      [...new Set(written.map((row) => row.field_group))],
    ],
  );
  // Detection takes one source and observation time per call: siblings are grouped by them.
  const calls = new Map<
    string,
    { source: ConflictSource; seenAt: Date; listingIds: Set<string>; groups: Set<DetectedGroup> }
  >();
  for (const sibling of siblings) {
    const key = `${sibling.source}|${sibling.seenAt}`;
    let call = calls.get(key);
    if (!call) {
      call = { source: sibling.source, seenAt: new Date(sibling.seenAt), listingIds: new Set(), groups: new Set() };
      calls.set(key, call);
    }
    call.listingIds.add(sibling.listingId);
    call.groups.add(sibling.group);
  }
  const closed: string[] = [];
  for (const call of calls.values()) {
    const detected = await detectConflicts(tx, {
      listingIds: [...call.listingIds],
      source: call.source,
      observedAt: call.seenAt,
      groups: [...call.groups],
    });
    closed.push(...detected.closed);
  }
  return closed;
}

/** The merged value a person entered, as the field group's values. */
function manualValue(group: DetectedGroup, value: ConflictValues, currency: string): ConflictValues {
  switch (group) {
    case "content":
      return {
        title: value.title ?? null,
        ...(value.description !== undefined ? { description: value.description } : {}),
      };
    case "price":
      return { price: value.price ?? null, currency };
    case "images":
      return { images: (value.images ?? []).map((url) => url.trim()).filter((url) => url !== "") };
    case "options":
      return { options: value.options ?? {} };
    case "status":
      return { status: masterStatusOf(value.status) };
  }
}
