import { sqlRows, type EntityManager, type ListingSnapshot } from "@syncstore/db";
import { groupKey } from "@syncstore/domain";
import { desiredState, type ListingState } from "../sync/desired";
import { openConflict, refreshConflictStates } from "./apply";
import { syncedGroups, type DetectedGroup } from "./hash";
import { valuesOf } from "./detect";

interface LinkRow extends ListingState {
  images: string[];
  options: Record<string, string>;
  channelState: ListingSnapshot | null;
}

/**
 * The link-time choice for listings linked without a person (the import's SKU match): every pushed
 * field group (title and description, price) where the shop's live value differs from master is recorded as an open conflict (source
 * `import`) instead of being overwritten by the next push. Sync holds those groups for the listing
 * until someone chooses on the Conflicts page: use master (push it) or use channel (take the shop's
 * value into master). Groups that agree, and groups the shop does not report, need no choice.
 * Prices compare in the shop's currency (master converted and rounded as the sync path does).
 * Runs in the linking transaction. Returns the number of conflicts opened.
 */
export async function recordLinkDifferences(
  tx: EntityManager,
  organizationId: string,
  listingIds: readonly string[],
): Promise<number> {
  if (listingIds.length === 0) return 0;
  const rows = await sqlRows<LinkRow>(
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
            cc.default_price_rule as "defaultPriceRule", l.channel_state as "channelState"
       from listing l
       join variant v on v.id = l.variant_id
       join product p on p.id = v.product_id
       join organization o on o.id = l.organization_id
       join channel_connection cc on cc.id = l.connection_id
       left join exchange_rate er on er.organization_id = l.organization_id and er.currency = cc.currency
      where l.organization_id = $1 and l.id = any($2::uuid[]) and l.channel_state is not null`,
    [organizationId, [...listingIds]],
  );
  let opened = 0;
  const seenProductContent = new Set<string>();
  for (const row of rows) {
    const desired = desiredState(row);
    // Only the groups the engine pushes can be overwritten; images, options and status are compared
    // from here on by detection (their base is what the shop shows now).
    for (const group of syncedGroups) {
      const channel = valuesOf(group, row.channelState, row.channelState?.currency ?? desired.currency);
      const master = masterOf(group, row, desired);
      const channelKey = groupKey(group, channel);
      const masterKey = groupKey(group, master);
      if (channelKey === null || masterKey === null || sameKey(group, channelKey, masterKey)) continue;
      // Title and description belong to the channel product: one choice per product and shop.
      if (group === "content") {
        const key = `${row.connectionId}:${row.externalProductId}`;
        if (seenProductContent.has(key)) continue;
        seenProductContent.add(key);
      }
      const result = await openConflict(tx, {
        organizationId: row.organizationId,
        listingId: row.id,
        connectionId: row.connectionId,
        productId: row.productId,
        variantId: row.variantId,
        group,
        source: "import",
        base: null,
        master,
        channel,
        seenAt: new Date(),
      });
      if (result.opened) opened += 1;
    }
  }
  await refreshConflictStates(
    tx,
    rows.map((row) => row.id),
  );
  return opened;
}

function sameKey(group: DetectedGroup, a: string, b: string): boolean {
  if (group !== "content") return a === b;
  const [titleA, descriptionA] = JSON.parse(a) as [string, string | null];
  const [titleB, descriptionB] = JSON.parse(b) as [string, string | null];
  return titleA === titleB && (descriptionA === null || descriptionB === null || descriptionA === descriptionB);
}

function masterOf(group: DetectedGroup, row: LinkRow, desired: ReturnType<typeof desiredState>) {
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
