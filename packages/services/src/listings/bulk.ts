import { sqlRows, type EntityManager, type ListingSnapshot } from "@syncstore/db";
import { skuKey, suggestSkuMatches, toMasterPrice, type SkuSuggestion } from "@syncstore/domain";
import type { AlertRaisedPayload, BulkOperationStatusValue, BulkProgressPayload } from "@syncstore/realtime/events";
import { z } from "zod";
import type { BulkBatchResult } from "../catalog/batch";
import { insertCatalogProduct, writeCatalogChanges } from "../catalog/writer";
import { recordLinkDifferences } from "../conflicts/link";
import { applyLinkedOrderLines } from "../orders/link";
import { markListingsForSync } from "../sync/mark";

/**
 * Bulk actions of the Unmatched screen, run by the bulk engine (`bulk_operation`, the
 * `catalog-bulk-operation` job, `bulk.progress` events): "Link by SKU suggestions" links each
 * listing to the master variant its preview suggested; "Create products" makes one master product
 * per channel product from its selected listings and links them. Each row (a link, or a channel
 * product's group of listings) is all-or-nothing: a row that can no longer be done is skipped with
 * its reason and changes nothing; the others go ahead. Every row's outcome is kept on the operation.
 */

export const BULK_KIND_LISTING_LINK = "listings.link";
export const BULK_KIND_LISTING_CREATE = "listings.create_products";
/** Listings per batch (one transaction each). */
export const LISTING_BATCH_SIZE = 100;

export const listingBulkOutcomes = ["linked", "created", "skipped"] as const;
export const listingBulkResultSchema = z.object({
  listingId: z.string(),
  outcome: z.enum(listingBulkOutcomes),
  /** Why a skipped row was skipped. */
  reason: z.string().nullable(),
  externalSku: z.string().nullable(),
  /** The master variant linked (or created) and its SKU and product. */
  variantId: z.string().nullable(),
  sku: z.string().nullable(),
  productId: z.string().nullable(),
});
export type ListingBulkResult = z.infer<typeof listingBulkResultSchema>;

/**
 * `bulk_operation.parameters` of both kinds: the shop, the rows in the order the job walks them
 * (a link row carries the variant the preview suggested; create rows of one channel product are
 * adjacent, `group` being its external product id), the cursor (index of the next row) and the
 * outcomes so far.
 */
export const listingBulkParametersSchema = z.object({
  connectionId: z.uuid(),
  rows: z.array(z.object({ listingId: z.uuid(), variantId: z.uuid().optional(), group: z.string().optional() })),
  progress: z.object({ next: z.number().int().min(0) }).default({ next: 0 }),
  results: z.array(listingBulkResultSchema).default([]),
});
export type ListingBulkParameters = z.infer<typeof listingBulkParametersSchema>;

interface ListingRow {
  id: string;
  connectionId: string;
  variantId: string | null;
  linkedSku: string | null;
  externalProductId: string | null;
  externalSku: string | null;
  externalTitle: string | null;
  channelState: ListingSnapshot | null;
  shopCurrency: string | null;
  masterCurrency: string;
  rate: string | null;
}

async function loadListings(
  tx: EntityManager,
  organizationId: string,
  listingIds: readonly string[],
  lock: boolean,
): Promise<Map<string, ListingRow>> {
  if (!listingIds.length) return new Map();
  const rows = await sqlRows<ListingRow>(
    tx,
    `select l.id::text as id, l.connection_id::text as "connectionId", l.variant_id::text as "variantId",
            lv.sku as "linkedSku", l.external_product_id as "externalProductId", l.external_sku as "externalSku",
            l.external_title as "externalTitle", l.channel_state as "channelState", lc.currency as "shopCurrency",
            lo.currency as "masterCurrency", ler.rate::text as rate
       from listing l
       join channel_connection lc on lc.id = l.connection_id
       join organization lo on lo.id = l.organization_id
       left join variant lv on lv.id = l.variant_id
       left join exchange_rate ler on ler.organization_id = l.organization_id and ler.currency = lc.currency
      where l.organization_id = $1 and l.id = any($2::uuid[])
      order by l.id ${lock ? "for update of l" : ""}`,
    [organizationId, [...new Set(listingIds)]],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** Why a listing cannot be part of a bulk action on this shop (missing, another shop, already linked), or null. */
function unavailable(row: ListingRow | undefined, connectionId: string): string | null {
  if (!row) return "This listing does not exist in this organization";
  if (row.connectionId !== connectionId) return "This listing belongs to another shop";
  if (row.variantId) return `Already linked${row.linkedSku ? ` to ${row.linkedSku}` : ""}`;
  return null;
}

/** Master variants whose SKU key matches one of these SKUs, each with the listing of this shop it is linked to. */
async function variantsForKeys(
  tx: EntityManager,
  organizationId: string,
  connectionId: string,
  skus: readonly (string | null)[],
) {
  const keys = [...new Set(skus.map(skuKey).filter((key): key is string => key !== null))];
  if (!keys.length) return [];
  return sqlRows<{ id: string; sku: string; productId: string; productTitle: string; linkedHere: string | null }>(
    tx,
    `select v.id::text as id, v.sku, v.product_id::text as "productId", p.title as "productTitle",
            (select coalesce(l.external_sku, '') from listing l where l.connection_id = $3 and l.variant_id = v.id
              limit 1) as "linkedHere"
       from variant v join product p on p.id = v.product_id
      where v.organization_id = $1 and regexp_replace(lower(v.sku), '[[:space:]./_-]+', '', 'g') = any($2::text[])
      order by v.sku, v.id`,
    [organizationId, keys, connectionId],
  );
}

export interface LinkPlanRow {
  listingId: string;
  externalSku: string | null;
  externalTitle: string | null;
  /** The suggested master variant, or null with the reason. */
  variantId: string | null;
  sku: string | null;
  productTitle: string | null;
  reason: string | null;
}

/**
 * The SKU suggestion of each listing (see `suggestSkuMatches`), in the given order; listings that
 * are missing, of another shop or already linked come back with that reason. Reads only.
 */
export async function planSkuLinks(
  em: EntityManager,
  organizationId: string,
  connectionId: string,
  listingIds: readonly string[],
): Promise<LinkPlanRow[]> {
  const listings = await loadListings(em, organizationId, listingIds, false);
  const open = listingIds.filter((id) => unavailable(listings.get(id), connectionId) === null);
  const variants = await variantsForKeys(
    em,
    organizationId,
    connectionId,
    open.map((id) => listings.get(id)?.externalSku ?? null),
  );
  const variantById = new Map(variants.map((v) => [v.id, v]));
  const suggestions = new Map<string, SkuSuggestion>(
    suggestSkuMatches(
      open.map((id) => ({ id, sku: listings.get(id)?.externalSku ?? null })),
      variants,
    ).map((s) => [s.listingId, s]),
  );
  return listingIds.map((id) => {
    const row = listings.get(id);
    const suggestion = suggestions.get(id);
    const base = {
      listingId: id,
      externalSku: row?.externalSku ?? null,
      externalTitle: row?.externalTitle ?? null,
      variantId: null,
      sku: null,
      productTitle: null,
    };
    if (!suggestion) return { ...base, reason: unavailable(row, connectionId) ?? "Not available" };
    if (!suggestion.ok) return { ...base, reason: suggestion.reason };
    return {
      ...base,
      variantId: suggestion.variantId,
      sku: suggestion.sku,
      productTitle: variantById.get(suggestion.variantId)?.productTitle ?? null,
      reason: null,
    };
  });
}

export interface CreatePlanVariant {
  listingId: string;
  sku: string | null;
  options: Record<string, string>;
  /** The shop's price (minor units of `shopCurrency`) and the master price it becomes (minor units of `masterCurrency`). */
  shopPrice: number | null;
  shopCurrency: string;
  masterPrice: number | null;
  masterCurrency: string;
  stock: number;
  /** Why this listing is left out, or null. */
  reason: string | null;
}

export interface CreatePlanGroup {
  /** The channel product's id on the shop (listings without one are each their own group). */
  externalProductId: string;
  title: string;
  variants: CreatePlanVariant[];
}

/**
 * What "Create products" makes of these listings: one product per channel product (its title),
 * one variant per selected listing with the channel's SKU, options, stock and price converted to
 * the master currency. A listing is left out (with its reason) when it is missing, of another shop
 * or already linked, has no SKU, its SKU already belongs to a master variant or repeats in its
 * product, or its price cannot be converted (no exchange rate). Groups keep the order of first
 * appearance. Reads only (`lock` locks the listings for the job's batch).
 */
export async function planProductCreation(
  em: EntityManager,
  organizationId: string,
  connectionId: string,
  listingIds: readonly string[],
  lock = false,
): Promise<CreatePlanGroup[]> {
  const listings = await loadListings(em, organizationId, listingIds, lock);
  const skus = [...listings.values()].flatMap((row) => (row.externalSku?.trim() ? [row.externalSku.trim()] : []));
  const taken = new Set(
    (
      await sqlRows<{ sku: string }>(
        em,
        `select lower(sku) as sku from variant where organization_id = $1 and lower(sku) = any($2::text[])`,
        [organizationId, skus.map((sku) => sku.toLowerCase())],
      )
    ).map((row) => row.sku),
  );
  const groups = new Map<string, CreatePlanGroup>();
  for (const id of listingIds) {
    const row = listings.get(id);
    const key = row?.externalProductId ?? `listing:${id}`;
    const group = groups.get(key) ?? {
      externalProductId: row?.externalProductId ?? "",
      title: (row?.externalTitle ?? row?.channelState?.title ?? "").trim() || (row?.externalSku ?? "Untitled"),
      variants: [],
    };
    groups.set(key, group);
    const state = row?.channelState ?? null;
    const shopCurrency = (row?.shopCurrency ?? row?.masterCurrency ?? "").toUpperCase();
    const masterCurrency = (row?.masterCurrency ?? "").toUpperCase();
    const shopPrice = state?.price ?? null;
    const masterPrice =
      row && shopPrice !== null
        ? toMasterPrice(Math.max(0, shopPrice), row.shopCurrency, row.masterCurrency, row.rate)
        : null;
    const sku = row?.externalSku?.trim() || null;
    const seen = group.variants.some((v) => v.reason === null && v.sku?.toLowerCase() === sku?.toLowerCase());
    const reason =
      unavailable(row, connectionId) ??
      (!sku
        ? "The listing has no SKU on the shop: create its product from the row's own dialog to type one"
        : taken.has(sku.toLowerCase())
          ? `SKU ${sku} already belongs to a master variant: link the listing instead`
          : seen
            ? `SKU ${sku} repeats within this channel product`
            : sku.length > 100
              ? "The SKU is longer than 100 characters"
              : shopPrice !== null && masterPrice === null
                ? `This shop sells in ${shopCurrency}: set a ${shopCurrency} rate in Settings → Organization first`
                : null);
    group.variants.push({
      listingId: id,
      sku,
      options: state?.options ?? {},
      shopPrice,
      shopCurrency,
      masterPrice: masterPrice ?? (shopPrice === null ? 0 : null),
      masterCurrency,
      stock: Math.max(0, state?.stock ?? 0),
      reason,
    });
  }
  return [...groups.values()];
}

interface OperationRow {
  id: string;
  organizationId: string;
  kind: string;
  status: BulkOperationStatusValue;
  parameters: unknown;
  total: number;
  done: number;
  failed: number;
  actorId: string | null;
}

const columns = `id, organization_id as "organizationId", kind, status, parameters, total, done, failed, actor_id as "actorId"`;

const progressOf = (row: OperationRow): BulkProgressPayload => ({
  operationId: row.id,
  done: row.done,
  failed: row.failed,
  total: row.total,
  status: row.status,
});

/** Audit rows written by a bulk batch, attributed to the operation's actor and the operation. */
async function writeAudit(
  tx: EntityManager,
  op: OperationRow,
  entries: { action: string; entity: string; entityId: string; label: string | null; diff: unknown }[],
): Promise<void> {
  if (!entries.length) return;
  await sqlRows(
    tx,
    `insert into audit_log (id, organization_id, actor_id, action, entity, entity_id, entity_label, diff, request_id, created_at)
     select gen_random_uuid(), $1, $2, x.action, x.entity, x.entity_id, x.label, x.diff, $3, now()
       from jsonb_to_recordset($4::jsonb) as x(action text, entity text, entity_id text, label text, diff jsonb)`,
    [
      op.organizationId,
      op.actorId,
      `bulk_operation:${op.id}`,
      JSON.stringify(entries.map((e) => ({ ...e, entity_id: e.entityId }))),
    ],
  );
}

const skipped = (listingId: string, externalSku: string | null, reason: string): ListingBulkResult => ({
  listingId,
  outcome: "skipped",
  reason,
  externalSku,
  variantId: null,
  sku: null,
  productId: null,
});

/** Links the batch's rows whose listing is still unlinked and whose variant is still free on this shop. */
async function linkBatch(
  tx: EntityManager,
  op: OperationRow,
  connectionId: string,
  rows: ListingBulkParameters["rows"],
): Promise<ListingBulkResult[]> {
  const organizationId = op.organizationId;
  const listings = await loadListings(
    tx,
    organizationId,
    rows.map((row) => row.listingId),
    true,
  );
  const variantIds = [...new Set(rows.flatMap((row) => (row.variantId ? [row.variantId] : [])))];
  const variants = new Map(
    (
      await sqlRows<{ id: string; productId: string; sku: string; taken: string | null }>(
        tx,
        `select v.id::text as id, v.product_id::text as "productId", v.sku,
                (select coalesce(l.external_sku, '') from listing l where l.connection_id = $3 and l.variant_id = v.id
                  limit 1) as taken
           from variant v where v.organization_id = $1 and v.id = any($2::uuid[])
          order by v.id for update of v`,
        [organizationId, variantIds, connectionId],
      )
    ).map((row) => [row.id, row]),
  );
  const claimed = new Set<string>();
  const results: ListingBulkResult[] = [];
  const links: { id: string; variant_id: string; product_id: string }[] = [];
  for (const row of rows) {
    const listing = listings.get(row.listingId);
    const externalSku = listing?.externalSku ?? null;
    const variant = row.variantId ? variants.get(row.variantId) : undefined;
    const reason =
      unavailable(listing, connectionId) ??
      (!variant
        ? "The suggested master variant no longer exists"
        : variant.taken !== null
          ? `${variant.sku} is already linked to ${variant.taken ? `listing ${variant.taken}` : "another listing"} on this shop`
          : claimed.has(variant.id)
            ? `${variant.sku} is linked to another listing of this operation`
            : null);
    if (reason || !variant) {
      results.push(skipped(row.listingId, externalSku, reason ?? "Not available"));
      continue;
    }
    claimed.add(variant.id);
    links.push({ id: row.listingId, variant_id: variant.id, product_id: variant.productId });
    results.push({
      listingId: row.listingId,
      outcome: "linked",
      reason: null,
      externalSku,
      variantId: variant.id,
      sku: variant.sku,
      productId: variant.productId,
    });
  }
  if (links.length) {
    const ids = links.map((link) => link.id);
    await sqlRows(
      tx,
      `update listing l
          set variant_id = x.variant_id, product_id = x.product_id, sync_state = 'in_sync',
              last_synced = l.channel_state, last_synced_at = now(), synced_version = l.desired_version,
              last_error = null, last_error_code = null, updated_at = now()
         from jsonb_to_recordset($2::jsonb) as x(id uuid, variant_id uuid, product_id uuid)
        where l.organization_id = $1 and l.id = x.id`,
      [organizationId, JSON.stringify(links)],
    );
    // As an import's SKU match: the shop's differing title/price become conflicts to choose on (held,
    // never overwritten unrecorded), our stock allocation goes out at once, and the shop's orders
    // that waited for this link take effect.
    await recordLinkDifferences(tx, organizationId, ids);
    await markListingsForSync(tx, { organizationId, listingIds: ids, priority: "high" });
    await applyLinkedOrderLines(tx, organizationId, ids);
    await writeAudit(
      tx,
      op,
      results
        .filter((r) => r.outcome === "linked")
        .map((r) => ({
          action: "listing.link",
          entity: "listing",
          entityId: r.listingId,
          label: r.externalSku,
          diff: {
            variantId: { before: null, after: r.variantId },
            sku: { before: null, after: r.sku },
            bulkOperationId: { before: null, after: op.id },
          },
        })),
    );
  }
  return results;
}

/** Creates one product per channel product of the batch (each in a savepoint: all of it or none of it). */
async function createBatch(
  tx: EntityManager,
  op: OperationRow,
  connectionId: string,
  rows: ListingBulkParameters["rows"],
  alerts: AlertRaisedPayload[],
): Promise<ListingBulkResult[]> {
  const organizationId = op.organizationId;
  const groups = await planProductCreation(
    tx,
    organizationId,
    connectionId,
    rows.map((row) => row.listingId),
    true,
  );
  const externalSkus = new Map(groups.flatMap((g) => g.variants.map((v) => [v.listingId, v.sku] as const)));
  const results = new Map<string, ListingBulkResult>();
  for (const group of groups) {
    for (const v of group.variants)
      if (v.reason !== null) results.set(v.listingId, skipped(v.listingId, v.sku, v.reason));
    const included = group.variants.filter((v) => v.reason === null);
    if (!included.length) continue;
    await sqlRows(tx, `savepoint bulk_create_product`);
    try {
      const created = await insertCatalogProduct(tx, {
        organizationId,
        actorId: op.actorId,
        product: {
          title: group.title.slice(0, 255),
          description: null,
          brand: null,
          categoryId: null,
          status: "active",
          tags: [],
          images: [],
          attributes: {},
        },
        variants: included.map((v) => ({
          sku: v.sku ?? "",
          options: v.options,
          price: v.masterPrice ?? 0,
          compareAtPrice: null,
          cost: null,
          barcode: null,
          weightGrams: null,
        })),
      });
      const written = await writeCatalogChanges(tx, {
        organizationId,
        actorId: op.actorId,
        reason: "manual",
        sourceRef: `bulk_operation:${op.id}`,
        audit: false,
        stock: created.variants.map((v, index) => ({
          variantId: v.id,
          onHand: included[index]?.stock ?? 0,
          created: true,
        })),
        extraAudit: [
          {
            action: "product.create",
            entity: "product",
            entity_id: created.productId,
            diff: {
              title: { before: null, after: group.title },
              variants: {
                before: null,
                after: included.map((v) => `${v.sku} @ ${v.masterPrice} ${v.masterCurrency} × ${v.stock}`),
              },
              source: {
                before: null,
                after: { connectionId, externalProductId: group.externalProductId, bulkOperationId: op.id },
              },
            },
          },
        ],
      });
      if (written.refused.length) throw new Error("The first stock of a new variant was refused");
      alerts.push(...written.alerts);
      const links = included.map((v, index) => ({ id: v.listingId, variant_id: created.variants[index]?.id }));
      await adoptListingsIntoProduct(tx, organizationId, created.productId, links);
      await sqlRows(tx, `release savepoint bulk_create_product`);
      included.forEach((v, index) =>
        results.set(v.listingId, {
          listingId: v.listingId,
          outcome: "created",
          reason: null,
          externalSku: v.sku,
          variantId: created.variants[index]?.id ?? null,
          sku: v.sku,
          productId: created.productId,
        }),
      );
    } catch (error) {
      await sqlRows(tx, `rollback to savepoint bulk_create_product`);
      const message =
        (error as { code?: string }).code === "23505"
          ? "A SKU of this product was taken by another variant meanwhile"
          : `Could not create the product: ${(error as Error).message}`;
      for (const v of included) results.set(v.listingId, skipped(v.listingId, v.sku, message));
    }
  }
  return rows.map(
    (row) =>
      results.get(row.listingId) ??
      skipped(
        row.listingId,
        externalSkus.get(row.listingId) ?? null,
        "This listing does not exist in this organization",
      ),
  );
}

/**
 * The next batch of a listings bulk operation, in the caller's transaction (the bulk engine
 * dispatches here by kind). Locks the operation (a cancelled or finished one does nothing), takes
 * the next rows (a create batch ends at a channel product's last row), does them, and commits their
 * outcomes and the cursor with them, so a retried job resumes after the last committed batch.
 */
export async function runListingBatch(
  tx: EntityManager,
  operationId: string,
  batchSize = LISTING_BATCH_SIZE,
): Promise<BulkBatchResult> {
  const [op] = await sqlRows<OperationRow>(tx, `select ${columns} from bulk_operation where id = $1 for update`, [
    operationId,
  ]);
  if (!op) throw new Error(`Bulk operation ${operationId} does not exist`);
  const idle = {
    changedVariantIds: [],
    actorId: op.actorId,
    organizationId: op.organizationId,
    processed: 0,
    alerts: [] as AlertRaisedPayload[],
  };
  if (op.status !== "queued" && op.status !== "running")
    return { ...idle, status: op.status, progress: progressOf(op) };
  const parameters = listingBulkParametersSchema.parse(op.parameters);
  const start = parameters.progress.next;
  let end = Math.min(parameters.rows.length, start + batchSize);
  // A channel product's rows stay in one batch: its product is created once, with all of them.
  while (
    op.kind === BULK_KIND_LISTING_CREATE &&
    end < parameters.rows.length &&
    parameters.rows[end]?.group !== undefined &&
    parameters.rows[end]?.group === parameters.rows[end - 1]?.group
  )
    end++;
  const batch = parameters.rows.slice(start, end);
  // Low-stock alerts raised by the first stock of the products created (announced after the commit).
  const alerts: AlertRaisedPayload[] = [];
  const results = batch.length
    ? op.kind === BULK_KIND_LISTING_LINK
      ? await linkBatch(tx, op, parameters.connectionId, batch)
      : await createBatch(tx, op, parameters.connectionId, batch, alerts)
    : [];
  const failed = results.filter((r) => r.outcome === "skipped").length;
  const status: BulkOperationStatusValue = end >= parameters.rows.length ? "succeeded" : "running";
  const [updated] = await sqlRows<OperationRow>(
    tx,
    `update bulk_operation
        set done = done + $2, failed = failed + $3,
            status = case when $4 = 'succeeded' and total > 0 and failed + $3 >= total then 'failed' else $4 end,
            parameters = jsonb_set(
              jsonb_set(parameters, '{progress}', jsonb_build_object('next', $5::int)),
              '{results}', coalesce(parameters -> 'results', '[]'::jsonb) || $6::jsonb),
            started_at = coalesce(started_at, now()),
            finished_at = case when $4 = 'running' then null else now() end
      where id = $1
      returning ${columns}`,
    [op.id, batch.length, failed, status, end, JSON.stringify(results)],
  );
  if (!updated) throw new Error(`Bulk operation ${op.id} vanished`);
  const done = results.filter((r) => r.outcome !== "skipped");
  return {
    ...idle,
    status: updated.status,
    progress: progressOf(updated),
    changedVariantIds: done.flatMap((r) => (r.variantId ? [r.variantId] : [])),
    processed: batch.length,
    alerts,
    listingsChanged: done.length
      ? {
          connectionId: parameters.connectionId,
          listingIds: done.map((r) => r.listingId),
          variantIds: done.flatMap((r) => (r.variantId ? [r.variantId] : [])),
        }
      : undefined,
  };
}

/**
 * Listings whose channel product became a new master product: each is linked to its new variant,
 * in sync with what the shop shows (that is where the product's values came from), and queued so
 * our stock allocation goes out. Shared by the single and the bulk "Create product(s)".
 */
export async function adoptListingsIntoProduct(
  tx: EntityManager,
  organizationId: string,
  productId: string,
  links: readonly { id: string; variant_id: string | null | undefined }[],
): Promise<void> {
  await sqlRows(
    tx,
    `update listing l
        set variant_id = x.variant_id, product_id = $2, sync_state = 'in_sync', last_synced = l.channel_state,
            last_synced_at = now(), synced_version = l.desired_version, last_error = null, last_error_code = null,
            updated_at = now()
       from jsonb_to_recordset($3::jsonb) as x(id uuid, variant_id uuid)
      where l.organization_id = $1 and l.id = x.id`,
    [organizationId, productId, JSON.stringify(links)],
  );
  await markListingsForSync(tx, { organizationId, listingIds: links.map((link) => link.id) });
}
