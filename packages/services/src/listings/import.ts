import type { ChannelProduct } from "@syncstore/channels";
import { sqlRows, type ChannelImportProgress, type EntityManager, type ListingSnapshot } from "@syncstore/db";
import { parseMinor } from "@syncstore/domain";
import { applyLinkedOrderLines } from "../orders/link";
import { markListingsForSync } from "../sync/mark";
import { recordLinkDifferences } from "../conflicts/link";

/** One channel variant as the import stores it on a `listing` row. */
export interface ImportedListingRow {
  external_product_id: string;
  external_variant_id: string;
  external_sku: string | null;
  external_title: string;
  channel_status: string;
  channel_state: ListingSnapshot;
}

/** Channel products → one row per variant (Shopee model / TikTok SKU), money in minor units. */
export function importRowsOf(products: readonly ChannelProduct[]): ImportedListingRow[] {
  return products.flatMap((product) =>
    product.variants.map((variant) => {
      const sku = (variant.sku ?? (product.variants.length === 1 ? product.sku : null))?.trim() || null;
      return {
        external_product_id: product.productId,
        external_variant_id: variant.variantId,
        external_sku: sku,
        external_title: product.title,
        channel_status: product.status,
        channel_state: {
          title: product.title,
          price: variant.price ? parseMinor(variant.price.amount, variant.price.currency) : null,
          stock: variant.stock,
          status: product.status,
          options: variant.options,
        },
      };
    }),
  );
}

export interface ImportPageResult {
  listingIds: string[];
  /** Master variants linked to this page's listings after matching (new and earlier links). */
  variantIds: string[];
  linked: number;
  newlyLinked: number;
}

/**
 * Upserts one page of channel variants (keyed by connection + external ids, so a re-import
 * updates the same rows) and links the unlinked ones whose SKU matches exactly one master variant
 * (trimmed, case-insensitive) that has no listing on this shop yet. A linked listing starts
 * `in_sync` with `last_synced` = what the channel shows, so the sync engine diffs from there; field
 * groups whose live value differs from master open a conflict (source `import`) and are held.
 */
export async function upsertImportedPage(
  tx: EntityManager,
  organizationId: string,
  connectionId: string,
  rows: readonly ImportedListingRow[],
): Promise<ImportPageResult> {
  if (rows.length === 0) return { listingIds: [], variantIds: [], linked: 0, newlyLinked: 0 };
  const upserted = await sqlRows<{ id: string; variantId: string | null }>(
    tx,
    `insert into listing (id, organization_id, connection_id, external_product_id, external_variant_id, external_sku,
                          external_title, channel_status, channel_state, channel_state_at, sync_state, enabled,
                          desired_version, synced_version, created_at, updated_at)
     select gen_random_uuid(), $1, $2, x.external_product_id, x.external_variant_id, x.external_sku, x.external_title,
            x.channel_status, x.channel_state, now(), 'unlinked', true, 1, 0, now(), now()
       from jsonb_to_recordset($3::jsonb)
         as x(external_product_id text, external_variant_id text, external_sku text, external_title text,
              channel_status text, channel_state jsonb)
     on conflict (connection_id, external_product_id, external_variant_id) do update
        set external_sku = excluded.external_sku, external_title = excluded.external_title,
            channel_status = excluded.channel_status, channel_state = excluded.channel_state,
            channel_state_at = now(), updated_at = now()
     returning id, variant_id as "variantId"`,
    [organizationId, connectionId, JSON.stringify(rows)],
  );
  const unlinked = upserted.filter((row) => row.variantId === null).map((row) => row.id);
  const matched = unlinked.length
    ? await sqlRows<{ id: string; variantId: string }>(
        tx,
        `with candidates as (
           select l.id, lower(trim(l.external_sku)) as key
             from listing l
            where l.organization_id = $1 and l.id = any($2::uuid[]) and l.variant_id is null
              and coalesce(trim(l.external_sku), '') <> ''
         ),
         masters as (
           select lower(trim(v.sku)) as key, min(v.id::text)::uuid as variant_id,
                  min(v.product_id::text)::uuid as product_id, count(*) as n
             from variant v
            where v.organization_id = $1 and lower(trim(v.sku)) in (select key from candidates)
            group by 1
         ),
         pairs as (
           select distinct on (m.variant_id) c.id as listing_id, m.variant_id, m.product_id
             from candidates c join masters m on m.key = c.key and m.n = 1
            where not exists (select 1 from listing o where o.connection_id = $3 and o.variant_id = m.variant_id)
            order by m.variant_id, c.id
         )
         update listing l
            set variant_id = p.variant_id, product_id = p.product_id, sync_state = 'in_sync',
                last_synced = l.channel_state, last_synced_at = now(), synced_version = l.desired_version,
                last_error = null, last_error_code = null, updated_at = now()
           from pairs p
          where l.id = p.listing_id
         returning l.id, l.variant_id as "variantId"`,
        [organizationId, unlinked, connectionId],
      )
    : [];
  if (matched.length > 0) {
    // A listing linked by matching has its stock reconciled at once: our allocation is pushed,
    // and order lines of that shop waiting for the link take effect.
    const ids = matched.map((row) => row.id);
    // Where the shop's live values differ from master, the link-time choice is recorded as a
    // conflict first (sync holds those fields), so the push below never overwrites them unrecorded.
    await recordLinkDifferences(tx, organizationId, ids);
    await markListingsForSync(tx, { organizationId, listingIds: ids, priority: "high" });
    await applyLinkedOrderLines(tx, organizationId, ids);
  }
  const variantIds = [
    ...upserted.flatMap((row) => (row.variantId ? [row.variantId] : [])),
    ...matched.map((row) => row.variantId),
  ];
  return {
    listingIds: upserted.map((row) => row.id),
    variantIds,
    linked: variantIds.length,
    newlyLinked: matched.length,
  };
}

/** Writes the import progress (and, when it ends successfully, `last_imported_at`). */
export async function saveImportProgress(
  em: EntityManager,
  connectionId: string,
  progress: ChannelImportProgress,
): Promise<void> {
  await sqlRows(
    em,
    `update channel_connection
        set import_progress = $2::jsonb,
            last_imported_at = case when $3::boolean then now() else last_imported_at end,
            updated_at = now()
      where id = $1`,
    [connectionId, JSON.stringify(progress), progress.status === "succeeded"],
  );
}

/** Why a listing the shop stopped returning can no longer be pushed (as webhook processing words it). */
export const CHANNEL_DELETED_CODE = "CHANNEL_DELETED";

/**
 * After a complete import pass: listings of the connection with external ids that the pass did
 * not return (their channel state predates the pass, `since` in database time; truncating it only
 * spares rows) or returned with a deleted status were deleted on the channel. They become
 * `DELETED` / `failed` / `CHANNEL_DELETED` (unlinked and disabled ones keep that state, as webhook
 * processing does), which keeps them out of pushes (`markListingsForSync`) until the product is
 * published again. Returns the rows marked.
 */
export async function markMissingListingsDeleted(
  tx: EntityManager,
  organizationId: string,
  connectionId: string,
  platformName: string,
  since: string,
): Promise<{ id: string; variantId: string | null }[]> {
  return sqlRows<{ id: string; variantId: string | null }>(
    tx,
    `update listing
        set channel_status = 'DELETED', last_error_code = $4,
            sync_state = case when sync_state in ('unlinked', 'disabled') then sync_state else 'failed' end,
            last_error = $5, channel_state = coalesce(channel_state, '{}'::jsonb) || '{"status":"DELETED"}'::jsonb,
            channel_state_at = now(), updated_at = now()
      where organization_id = $1 and connection_id = $2 and external_product_id is not null
        and (channel_state_at is null or channel_state_at < $3::timestamptz
             or channel_status in ('DELETED', 'SELLER_DELETE', 'SHOPEE_DELETE'))
        and last_error_code is distinct from $4
      returning id, variant_id as "variantId"`,
    [
      organizationId,
      connectionId,
      since,
      CHANNEL_DELETED_CODE,
      `The product was deleted on ${platformName}: the last import no longer found it. Publish it again or unlink the listing.`,
    ],
  );
}

/** The database clock, so pass boundaries compare with `channel_state_at` written by now(). */
export async function databaseNow(em: EntityManager): Promise<string> {
  const [row] = await sqlRows<{ now: string }>(
    em,
    `select to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as now`,
  );
  return row?.now ?? new Date().toISOString();
}
