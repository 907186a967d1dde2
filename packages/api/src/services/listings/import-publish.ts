import type { ChannelImportProgress, ListingPriceRule } from "@syncstore/db";
import {
  DomainError,
  noRateMessage,
  validatePublish,
  type PublishOptions,
  type PublishPlatform,
} from "@syncstore/domain";
import {
  channelPrice,
  enqueue,
  importListingsJobKey,
  loadConnectionPricing,
  pricingCurrency,
  PUBLISH_MAX_ATTEMPTS,
  publishListingJobKey,
} from "@syncstore/services";
import { withChange } from "../../core/change";
import { sqlRows } from "../sql";
import type { OrgScope } from "../scope";
import { emitListingsChanged } from "./common";

const CHANNEL_DELETED = "CHANNEL_DELETED";

function priceOrNull(price: ReturnType<typeof channelPrice>): number | null {
  return price.ok ? price.price : null;
}

interface ConnectionRow {
  id: string;
  platform: PublishPlatform;
  name: string;
  region: string | null;
  status: string;
  hasToken: boolean;
  importProgress: ChannelImportProgress | null;
}

async function lockConnection(scope: OrgScope, tx: OrgScope["em"], connectionId: string): Promise<ConnectionRow> {
  const [row] = await sqlRows<ConnectionRow>(
    tx,
    `select id, platform, name, region, status, access_token_enc is not null as "hasToken",
            import_progress as "importProgress"
       from channel_connection where organization_id = $1 and id = $2 for update`,
    [scope.actor.organizationId, connectionId],
  );
  if (!row) throw new DomainError("NOT_FOUND", "This connection does not exist (it may have been removed)");
  if (row.status === "disconnected" || !row.hasToken)
    throw new DomainError("INVALID", `${row.name} is disconnected; connect the shop again first`);
  if (row.status === "needs_reauth")
    throw new DomainError("INVALID", `${row.name} needs re-authorization; reconnect it first`);
  return row;
}

/** Queues "Import listings" for a shop: progress lives on the connection, the job does the pages. */
export async function startImport(scope: OrgScope, connectionId: string): Promise<ChannelImportProgress> {
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const row = await lockConnection(scope, change.tx, connectionId);
    const running = row.importProgress?.status === "queued" || row.importProgress?.status === "running";
    if (running) throw new DomainError("CONFLICT", `An import of ${row.name} is already running`);
    const progress: ChannelImportProgress = {
      status: "queued",
      products: 0,
      total: null,
      listings: 0,
      linked: 0,
      cursor: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      error: null,
    };
    await sqlRows(change.tx, `update channel_connection set import_progress = $2::jsonb where id = $1`, [
      connectionId,
      JSON.stringify(progress),
    ]);
    await enqueue(
      change.tx,
      "import-listings",
      { connectionId },
      { jobKey: importListingsJobKey(connectionId), maxAttempts: 8 },
    );
    change.audit({
      action: "channel.import_start",
      entity: "channel_connection",
      entityId: connectionId,
      after: { name: row.name, platform: row.platform },
    });
    change.emit("connection.changed", { connectionId, status: row.status });
    return progress;
  });
}

export interface PublishInput {
  productId: string;
  connectionId: string;
  options: PublishOptions;
}

/**
 * Publishes a product to a shop that does not have it: checks what that platform requires (every
 * problem reported at its field, nothing sent), creates or refreshes one listing per variant with
 * the publish options, and queues `publish-listing` in the same transaction. When the shop has the
 * product already, the variants it lacks (added to the master later) are validated beside the
 * existing ones and queued the same way; the job adds them to that channel product.
 */
export async function publishProduct(scope: OrgScope, input: PublishInput): Promise<{ listingIds: string[] }> {
  const organizationId = scope.actor.organizationId;
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    const connection = await lockConnection(scope, tx, input.connectionId);
    const pricing = await loadConnectionPricing(tx, input.connectionId);
    const currency = pricingCurrency(pricing);
    if (currency !== pricing.masterCurrency.toUpperCase() && !pricing.rate)
      throw new DomainError("INVALID", `${connection.name} sells in ${currency}: ${noRateMessage(currency)}`);
    const [product] = await sqlRows<{ id: string; title: string; description: string | null; images: string[] }>(
      tx,
      `select id, title, description, images from product where organization_id = $1 and id = $2 for update`,
      [organizationId, input.productId],
    );
    if (!product) throw new DomainError("NOT_FOUND", "This product was not found in this organization");
    const variants = await sqlRows<{
      id: string;
      sku: string;
      options: Record<string, string>;
      weightGrams: number | null;
      price: string;
      listingId: string | null;
      externalProductId: string | null;
      lastErrorCode: string | null;
      titleOverride: string | null;
      descriptionOverride: string | null;
      priceRule: ListingPriceRule | null;
    }>(
      tx,
      `select v.id, v.sku, v.options, v.weight_grams as "weightGrams", v.price::text as price, l.id as "listingId",
              l.external_product_id as "externalProductId", l.last_error_code as "lastErrorCode", l.title_override as "titleOverride",
              l.description_override as "descriptionOverride", l.price_rule as "priceRule"
         from variant v left join listing l on l.variant_id = v.id and l.connection_id = $3
        where v.organization_id = $1 and v.product_id = $2
        order by v.position, v.id`,
      [organizationId, input.productId, input.connectionId],
    );
    // The shop has the product (a product deleted there, CHANNEL_DELETED, is published again from
    // scratch): only variants added to the master since are sent, added to that channel product.
    const adding = variants.some((v) => v.externalProductId && v.lastErrorCode !== CHANNEL_DELETED);
    const toPublish = adding ? variants.filter((v) => !v.externalProductId) : variants;
    if (toPublish.length === 0)
      throw new DomainError("CONFLICT", `${connection.name} already has this product; edit its listings instead`);
    const newIndexes = new Set(variants.flatMap((v, i) => (toPublish.includes(v) ? [String(i)] : [])));
    const first = variants.find((v) => v.listingId);
    const allIssues = validatePublish({
      platform: connection.platform,
      region: connection.region,
      currency,
      title: first?.titleOverride ?? product.title,
      description: first?.descriptionOverride ?? product.description,
      images: product.images,
      options: input.options,
      variants: variants.map((v) => ({
        sku: v.sku,
        options: v.options,
        weightGrams: v.weightGrams,
        price: priceOrNull(channelPrice(pricing, Number(v.price), v.priceRule)),
      })),
    });
    // Adding to a channel product: its title, images and category are the channel's already; the
    // new variants must fit beside the existing ones (options, duplicates) and be complete.
    const issues = adding
      ? allIssues.filter((issue) => {
          const [head, index] = issue.path.split(".");
          if (head === "variants") return index === undefined || newIndexes.has(index);
          return head === "warehouseId";
        })
      : allIssues;
    if (issues.length)
      throw DomainError.invalidFields(issues.map((issue) => ({ path: issue.path.split("."), message: issue.message })));

    const options = { ...input.options, title: null };
    const rows = await sqlRows<{ id: string; variantId: string }>(
      tx,
      `insert into listing (id, organization_id, connection_id, variant_id, product_id, enabled,
                            sync_state, desired_version, synced_version, publish_options, created_at, updated_at)
       select gen_random_uuid(), $1, $2, x, $3, true, 'pending', 1, 0, $5::jsonb, now(), now()
         from unnest($4::uuid[]) as x
       on conflict (connection_id, variant_id) do update
          set publish_options = excluded.publish_options, product_id = excluded.product_id, enabled = true,
              sync_state = 'pending', last_error = null, last_error_code = null, created_at = now(), updated_at = now(),
              external_product_id = null, external_variant_id = null, channel_status = null, channel_state = null,
              channel_state_at = null, last_synced = null, last_synced_at = null, drift = null
        where listing.external_product_id is null or listing.last_error_code = '${CHANNEL_DELETED}'
       returning id, variant_id as "variantId"`,
      [organizationId, input.connectionId, input.productId, toPublish.map((v) => v.id), JSON.stringify(options)],
    );
    await enqueue(
      tx,
      "publish-listing",
      { connectionId: input.connectionId, productId: input.productId },
      { jobKey: publishListingJobKey(input.connectionId, input.productId), maxAttempts: PUBLISH_MAX_ATTEMPTS },
    );
    change.audit({
      action: adding ? "listing.add_variants" : "listing.publish",
      entity: "product",
      entityId: input.productId,
      after: {
        connectionId: input.connectionId,
        shop: connection.name,
        platform: connection.platform,
        variants: toPublish.map((v) => v.sku),
        ...input.options,
      },
    });
    emitListingsChanged(change, rows, input.connectionId, "publish");
    return { listingIds: rows.map((row) => row.id) };
  });
}
