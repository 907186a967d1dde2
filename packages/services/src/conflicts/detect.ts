import type {
  ConflictSource,
  ConflictValues,
  EntityManager,
  ListingChannelReview,
  ListingSnapshot,
} from "@syncstore/db";
import { sqlRows } from "@syncstore/db";
import {
  conflictFieldGroupLabels,
  decideFieldGroup,
  effectivePolicies,
  groupKey,
  mootReason,
  type ConflictPolicies,
} from "@syncstore/domain";
import { desiredState, type ListingState } from "../sync/desired";
import {
  closeMoot,
  openConflict,
  recordPolicyDecision,
  refreshConflict,
  refreshConflictStates,
  resumeListings,
  setBase,
  writeMaster,
  writeOverride,
  type OpenConflictInput,
} from "./apply";
import { detectedGroups, groupHash, type DetectedGroup } from "./hash";

import { OWN_OR_PRODUCT_CONFLICT } from "./conflict-scope";

export { OWN_OR_PRODUCT_CONFLICT };

interface DetectRow extends ListingState {
  /** Master's product images and the variant's option values. */
  images: string[];
  options: Record<string, string>;
  channelState: ListingSnapshot | null;
  channelReview: ListingChannelReview | null;
  orgPolicies: ConflictPolicies;
  shopPolicies: ConflictPolicies;
  open: { id: string; group: DetectedGroup; listingId: string; source: string }[];
  pushedHashes: string[];
}

export interface OpenedConflict {
  id: string;
  listingId: string;
  group: DetectedGroup;
}

export interface DetectResult {
  /** Conflicts opened now (not refreshes of open ones). */
  opened: OpenedConflict[];
  /** Conflicts that closed themselves as moot. */
  closed: string[];
  /** What policies did: adopted, overridden, overwritten (recorded as closed conflicts). */
  decided: { listingId: string; group: DetectedGroup; resolution: string }[];
}

/**
 * Three-way detection for listings whose channel state was just recorded (webhook, reconciliation,
 * import, compare-with-live): per synced field group compares the base (`last_synced`), master now
 * (overrides and price rule applied) and the channel now, then opens conflicts, applies the
 * organization's (or the shop's) policy, advances the base, or closes conflicts that became moot.
 * Runs in the caller's transaction after it locked and updated the listings. Only listings with
 * drift or an open conflict are read, so a pass over many unchanged listings costs one query.
 */
export async function detectConflicts(
  tx: EntityManager,
  input: {
    listingIds: readonly string[];
    source: ConflictSource;
    observedAt: Date;
    /** Only these field groups (default: every one). */
    groups?: readonly DetectedGroup[];
  },
): Promise<DetectResult> {
  const result: DetectResult = { opened: [], closed: [], decided: [] };
  if (input.listingIds.length === 0) return result;
  const rows = await sqlRows<DetectRow>(
    tx,
    `select l.id::text as "id", l.organization_id as "organizationId", l.connection_id::text as "connectionId",
            v.product_id::text as "productId", l.variant_id::text as "variantId",
            l.external_product_id as "externalProductId", l.external_variant_id as "externalVariantId",
            l.title_override as "titleOverride", l.description_override as "descriptionOverride",
            l.price_rule as "priceRule", l.stock_rule as "stockRule",
            l.desired_version as "desiredVersion", l.last_synced as "lastSynced", l.drift as "drift",
            l.sync_run_id::text as "syncRunId", l.sync_attempts as "syncAttempts",
            v.price::float8 as "price", 0 as "available", p.title as "title", p.description as "description",
            p.status as "productStatus", o.currency as "currency", p.images as "images", v.options as "options",
            cc.currency as "shopCurrency", er.rate::text as "rate", er.rounding as "rounding",
            cc.default_price_rule as "defaultPriceRule",
            l.channel_state as "channelState", l.channel_review as "channelReview",
            coalesce((select jsonb_object_agg(cp.field_group, cp.policy) from conflict_policy cp
                       where cp.organization_id = l.organization_id and cp.connection_id is null), '{}') as "orgPolicies",
            coalesce((select jsonb_object_agg(cp.field_group, cp.policy) from conflict_policy cp
                       where cp.organization_id = l.organization_id and cp.connection_id = l.connection_id), '{}') as "shopPolicies",
            coalesce((select jsonb_agg(jsonb_build_object('id', c.id, 'group', c.field_group, 'listingId', c.listing_id, 'source', c.source))
                        from conflict c where c.status = 'open' and (${OWN_OR_PRODUCT_CONFLICT})), '[]') as "open",
            array(select distinct s.content_hash from sync_log s
                   where s.listing_id = l.id and s.content_hash is not null
                     and s.created_at > now() - interval '30 days') as "pushedHashes"
       from listing l
       join variant v on v.id = l.variant_id
       join product p on p.id = v.product_id
       join organization o on o.id = l.organization_id
       join channel_connection cc on cc.id = l.connection_id
       left join exchange_rate er on er.organization_id = l.organization_id and er.currency = cc.currency
      where l.id = any($1::uuid[]) and l.enabled and l.channel_state is not null
        and (l.drift is not null or exists (select 1 from conflict c where c.status = 'open' and (${OWN_OR_PRODUCT_CONFLICT})))`,
    [[...input.listingIds]],
  );
  const resume = new Set<string>();
  /** Content conflicts opened in this call per channel product, so its other variants refresh it. */
  const productConflicts = new Map<string, string>();
  const openOrRefresh = async (row: DetectRow, group: DetectedGroup, common: OpenConflictInput) => {
    const productKey = `${row.connectionId}:${row.externalProductId}`;
    const existing =
      group === "content"
        ? (row.open.find((c) => c.group === "content")?.id ?? productConflicts.get(productKey))
        : undefined;
    if (existing) {
      await refreshConflict(tx, existing, common);
      return;
    }
    const opened = await openConflict(tx, common);
    if (group === "content") productConflicts.set(productKey, opened.id);
    if (opened.opened) result.opened.push({ id: opened.id, listingId: row.id, group });
  };
  for (const row of rows) {
    const desired = desiredState(row);
    // Prices compare in the shop's currency: master goes through the sync path's conversion (the
    // organization's rate and rounding, then the price rule), so a converted price is not an edit.
    const currency = desired.currency;
    const policies = effectivePolicies(row.orgPolicies, row.shopPolicies);
    let lastSynced = row.lastSynced;
    for (const group of input.groups ?? detectedGroups) {
      // While TikTok reviews a content edit (or after it refused one) the live version stays: that is
      // not a seller edit, and not a conflict; the listing shows the review and its reason.
      if ((group === "content" || group === "images") && row.channelReview) continue;
      const base = valuesOf(group, lastSynced, currency);
      const master = masterValues(group, row, desired);
      const channel = valuesOf(group, row.channelState, row.channelState?.currency ?? currency);
      const open = row.open.filter((conflict) => conflict.group === group);
      const channelHash = groupHash(group, channel);
      const decision = decideFieldGroup({
        group,
        base: lastSynced ? base : null,
        ...(group === "images" && lastSynced?.masterImages ? { masterBase: { images: lastSynced.masterImages } } : {}),
        master,
        channel,
        policy: policies[group],
        pushedKeys: channelHash && row.pushedHashes.includes(channelHash) ? [groupKey(group, channel) ?? ""] : [],
      });
      const baseImages = group === "images" ? (row.images ?? []) : undefined;
      const common: OpenConflictInput = {
        organizationId: row.organizationId,
        listingId: row.id,
        connectionId: row.connectionId,
        productId: row.productId,
        variantId: row.variantId,
        group,
        source: input.source,
        base: lastSynced ? base : null,
        master,
        channel,
        seenAt: input.observedAt,
      };
      const listing = { id: row.id, lastSynced, channelState: row.channelState };

      if (decision.kind === "both_changed" || (decision.kind === "channel_only" && decision.policy === "conflict")) {
        await openOrRefresh(row, group, common);
        continue;
      }
      if (open.length > 0) {
        // A link-time choice (import match) waits for a person while the shop still shows what it
        // showed at the link: only master and the shop agreeing makes it moot.
        const linkChoice = open.every((conflict) => conflict.source === "import");
        const reason = mootReason({ group, base: linkChoice ? null : base, master, channel });
        if (linkChoice && !reason && decision.kind !== "advance") continue;
        if (reason || decision.kind === "echo" || decision.kind === "advance") {
          result.closed.push(
            ...(await closeMoot(
              tx,
              open.map((c) => c.id),
              reason ?? "The channel now shows a value we pushed",
            )),
          );
          resume.add(row.id);
        } else continue;
      }
      if (decision.kind === "advance" || decision.kind === "echo") {
        lastSynced = await setBase(tx, listing, group, channel, baseImages);
        if (decision.kind === "echo") resume.add(row.id);
        continue;
      }
      if (decision.kind !== "channel_only") continue;
      const label = conflictFieldGroupLabels[group].toLowerCase();
      if (decision.policy === "overwrite") {
        lastSynced = await setBase(tx, listing, group, channel, baseImages);
        await recordPolicyDecision(tx, {
          ...common,
          resolution: "overwritten",
          value: master,
          note: `Policy: the channel's ${label} was overwritten with master on the next push`,
        });
        resume.add(row.id);
      } else if (decision.policy === "override") {
        await writeOverride(tx, row.id, group, channel);
        lastSynced = await setBase(tx, listing, group, channel, baseImages);
        await recordPolicyDecision(tx, {
          ...common,
          resolution: "overridden",
          value: channel,
          note: `Policy: the channel's ${label} was kept as this listing's override`,
        });
      } else {
        const hasOverride =
          group === "content"
            ? row.titleOverride !== null || row.descriptionOverride !== null
            : group === "price" && (row.priceRule ?? row.defaultPriceRule) !== null;
        // Master keeps the organization's currency: a price in the shop's other currency is not adopted.
        const otherCurrency = group === "price" && (channel.currency ?? currency) !== row.currency;
        if (hasOverride || otherCurrency || !row.productId || !row.variantId) {
          // Master would not show the channel's value on this listing: a person decides.
          await openOrRefresh(row, group, common);
          continue;
        }
        await writeMaster(
          tx,
          { organizationId: row.organizationId, productId: row.productId, variantId: row.variantId, actorId: null },
          group,
          channel,
        );
        lastSynced = await setBase(
          tx,
          listing,
          group,
          channel,
          group === "images" ? (channel.images ?? []) : undefined,
        );
        await recordPolicyDecision(tx, {
          ...common,
          resolution: "adopted",
          value: channel,
          note: `Policy: the channel's ${label} was adopted into master`,
        });
      }
      result.decided.push({
        listingId: row.id,
        group,
        resolution:
          decision.policy === "overwrite" ? "overwritten" : decision.policy === "override" ? "overridden" : "adopted",
      });
    }
  }
  const organizationId = rows[0]?.organizationId;
  if (organizationId) await resumeListings(tx, organizationId, [...resume]);
  await refreshConflictStates(
    tx,
    rows.map((row) => row.id),
  );
  return result;
}

/** A field group's values from a listing snapshot. */
export function valuesOf(
  group: DetectedGroup,
  snapshot: ListingSnapshot | null | undefined,
  currency: string,
): ConflictValues {
  switch (group) {
    case "content":
      return {
        title: snapshot?.title ?? null,
        ...(snapshot?.description !== undefined ? { description: snapshot.description } : {}),
      };
    case "price":
      return { price: snapshot?.price ?? null, currency };
    case "images":
      return { images: snapshot?.images ?? null };
    case "options":
      return { options: snapshot?.options ?? null };
    case "status":
      return { status: snapshot?.status ?? null };
  }
}

/** Master now for a field group: overrides and the price rule applied, price in the shop's currency. */
function masterValues(group: DetectedGroup, row: DetectRow, desired: ReturnType<typeof desiredState>): ConflictValues {
  switch (group) {
    case "content":
      // A master without a description never pushes one (the engine sends none): only the title counts then.
      return { title: desired.title, ...(desired.description !== null ? { description: desired.description } : {}) };
    case "price":
      return { price: desired.price, currency: desired.currency };
    case "images":
      return { images: row.images ?? [] };
    case "options":
      return { options: row.options ?? {} };
    case "status":
      return { status: row.productStatus };
  }
}
