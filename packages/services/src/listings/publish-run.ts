import {
  isChannelError,
  type AddVariantsInput,
  type CreatedListing,
  type CreateListingInput,
} from "@syncstore/channels";
import { ChannelConnection, sqlRows, type EntityManager, type ListingPriceRule } from "@syncstore/db";
import { NO_EXCHANGE_RATE, offeredStock } from "@syncstore/domain";
import { ConnectionUnavailableError, withShopSession } from "../channels/shop-session";
import type { TaskContext } from "../context";
import { markListingsForSync } from "../sync/mark";
import {
  addMissingVariants,
  addVariantsInput,
  createListingInput,
  findPublishedProduct,
  liveChannelProduct,
  pendingPublishRows,
  type PendingPublishRow,
} from "./publish";
import { channelPrice, loadConnectionPricing, pricingCurrency, type ConnectionPricing } from "./pricing";

/** What a publish run needs: the job's deps, and which attempt of how many this is. */
export interface PublishRunContext extends Pick<TaskContext, "orm" | "channels" | "realtime" | "log"> {
  attempt: number;
  maxAttempts: number;
}

/** One publish of one product to one shop, as the steps below see it. */
interface PublishRun {
  ctx: PublishRunContext;
  organizationId: string;
  connectionId: string;
  productId: string;
  rows: PendingPublishRow[];
  pricing: ConnectionPricing;
  started: number;
}

/**
 * Creates a product on a shop from the listings `channels.publish` prepared (linked, enabled, no
 * external ids yet), stores the external ids and the pushed state as `last_synced`, and marks
 * them `in_sync`. Validation refusals (and a shop that needs reconnecting) fail the listings with
 * the platform's reason and are not retried; transient failures retry, and a retry first looks
 * for the product on the channel so a lost answer never creates a duplicate. When the shop already
 * has the product (variants added to the master later), the pending variants are added to it
 * (`adapter.addVariants`) instead, with the same bookkeeping. Nothing pending:
 * nothing to do (idempotent).
 */
export async function publishListing(
  ctx: PublishRunContext,
  payload: { connectionId: string; productId: string },
): Promise<void> {
  const { connectionId, productId } = payload;
  const connection = await ctx.orm.em.fork().findOne(ChannelConnection, { id: connectionId }, { filters: false });
  if (!connection) return;
  const em = ctx.orm.em.fork();
  const pricing = await loadConnectionPricing(em, connectionId);
  const rows = await pendingPublishRows(em, connection.organizationId, connectionId, productId, pricing);
  if (rows.length === 0) return;
  const run: PublishRun = {
    ctx,
    organizationId: connection.organizationId,
    connectionId,
    productId,
    rows,
    pricing,
    started: performance.now(),
  };
  if (await holdUnpriced(run)) return;
  const input = await publishInput(em, run, connection.platform);
  if (!input) return;

  let created: CreatedListing;
  try {
    created = await sendToShop(run, input);
  } catch (error) {
    if (await recordPublishFailure(run, error)) return;
    throw error;
  }
  await storePublished(run, input.sent, created);
  await announce(run);
  ctx.log.info({ connectionId, productId, externalProductId: created.productId }, "product published");
}

/**
 * A price is never sent unconverted: without a rate for the shop's currency the publish waits
 * (saving the rate queues it again), and a negative rule is refused. True when held.
 */
async function holdUnpriced(run: PublishRun): Promise<boolean> {
  const unpriced = run.rows.find((row) => row.priceProblem);
  if (!unpriced?.priceProblem) return false;
  const code = unpriced.priceProblem.reason === "no_rate" ? NO_EXCHANGE_RATE : "VALIDATION";
  await run.ctx.orm.em.fork().transactional((tx) => failListings(tx, run.rows, code, unpriced.priceProblem?.message));
  run.ctx.log.info(
    { connectionId: run.connectionId, productId: run.productId, code },
    "publish held: no price for the shop",
  );
  return true;
}

interface PublishInput {
  /** Create the product (null: the shop has it; add the missing variants to `live`). */
  create: CreateListingInput | null;
  add: AddVariantsInput;
  live: Awaited<ReturnType<typeof liveChannelProduct>>;
  /** What the shop will show: title, description and each variant as sent. */
  sent: { title: string; description: string | null; variants: CreateListingInput["variants"] };
}

/**
 * A product the shop already has (variants added to the master after publishing) gets the
 * missing variants added to it; otherwise the product is created. Null when the product is gone.
 */
async function publishInput(
  em: EntityManager,
  run: PublishRun,
  platform: ChannelConnection["platform"],
): Promise<PublishInput | null> {
  const [product] = await sqlRows<{ title: string; description: string | null; images: string[] }>(
    em,
    `select title, description, images from product where organization_id = $1 and id = $2`,
    [run.organizationId, run.productId],
  );
  if (!product) return null;
  const currency = pricingCurrency(run.pricing);
  const live = await liveChannelProduct(em, run.connectionId, run.productId);
  const create = live ? null : createListingInput(platform, product, run.rows, currency);
  const add = addVariantsInput(run.rows, currency);
  // New listings of an existing channel product share its title and description as last pushed.
  const sent = create ?? { ...add, title: live?.title ?? product.title, description: live?.description ?? null };
  return { create, add, live, sent };
}

/** The platform call; a retry first adopts a product (or variants) a lost answer already created. */
function sendToShop(run: PublishRun, input: PublishInput): Promise<CreatedListing> {
  const { ctx, rows } = run;
  const retry = ctx.attempt > 1;
  return withShopSession(ctx.orm.em, ctx.channels, run.connectionId, ctx.log, async (adapter, session) => {
    if (input.live || !input.create)
      return addMissingVariants(adapter, session, input.live?.externalProductId ?? "", input.add, retry);
    const since = new Date(Math.min(...rows.map((row) => row.createdAt.getTime())) - 60_000);
    const skus = rows.map((row) => row.sku);
    const existing = retry ? await findPublishedProduct(adapter, session, skus, since) : null;
    return existing ?? adapter.createListing(session, input.create);
  });
}

/**
 * Records a failed call: the attempt in `sync_log`, and on a final failure (a refusal retrying
 * cannot fix, a shop that needs reconnecting, the last attempt) the listings failed with the
 * reason. True when the job should end; false when it should throw and be retried.
 */
async function recordPublishFailure(run: PublishRun, error: unknown): Promise<boolean> {
  const { ctx, rows } = run;
  const unavailable = error instanceof ConnectionUnavailableError;
  const final = unavailable || (isChannelError(error) && !error.retryable) || ctx.attempt >= ctx.maxAttempts;
  if (!unavailable && !isChannelError(error) && !final) return false;
  const message = error instanceof Error ? error.message : String(error);
  const code = isChannelError(error) ? error.code : unavailable ? "AUTH_REVOKED" : null;
  await ctx.orm.em.fork().transactional(async (tx) => {
    if (final) await failListings(tx, rows, code, message);
    await logAttempt(tx, run, {
      outcome: final ? "failed" : "retrying",
      after: null,
      errorCode: code,
      error: message,
      requestId: isChannelError(error) ? (error.requestId ?? null) : null,
    });
  });
  await announce(run);
  ctx.log.warn({ connectionId: run.connectionId, productId: run.productId, code, final }, "publish failed");
  return final;
}

/**
 * Stores what the shop created: external ids, the pushed state as `last_synced`, `in_sync`; a SKU
 * the marketplace left out fails its listing. Master edits made while the product was being
 * created were not pushed: they are queued now.
 */
async function storePublished(run: PublishRun, sent: PublishInput["sent"], created: CreatedListing): Promise<void> {
  const { rows } = run;
  const sentBySku = new Map(sent.variants.map((variant) => [variant.sku, variant]));
  const variantIdOf = new Map(created.variants.map((v) => [v.sku, v.variantId]));
  await run.ctx.orm.em.fork().transactional(async (tx) => {
    const snapshots = rows.map((row) => ({
      title: sent.title,
      description: sent.description,
      price: row.price,
      stock: sentBySku.get(row.sku)?.stock ?? row.stock,
      status: null,
    }));
    const ok = rows.flatMap((row, i) => {
      const variantId = variantIdOf.get(row.sku);
      return variantId ? [{ id: row.id, variant_id: variantId, sku: row.sku, snapshot: snapshots[i] }] : [];
    });
    const missing = rows.filter((row) => !variantIdOf.get(row.sku));
    await sqlRows(
      tx,
      `update listing l
          set external_product_id = $2, external_variant_id = x.variant_id, external_sku = x.sku,
              external_title = $3, last_synced = x.snapshot, last_synced_at = now(), channel_state = x.snapshot,
              channel_state_at = now(), synced_version = l.desired_version, sync_state = 'in_sync',
              last_error = null, last_error_code = null, updated_at = now()
         from jsonb_to_recordset($1::jsonb) as x(id uuid, variant_id text, sku text, snapshot jsonb)
        where l.id = x.id`,
      [JSON.stringify(ok), created.productId, sent.title],
    );
    if (missing.length)
      await sqlRows(
        tx,
        `update listing set sync_state = 'failed', last_error_code = 'VALIDATION',
                last_error = 'The marketplace created the product without this SKU', updated_at = now()
          where id = any($1::uuid[])`,
        [missing.map((row) => row.id)],
      );
    await logAttempt(tx, run, { outcome: "succeeded", after: snapshots });
    const current = await currentValues(tx, rows, run.pricing);
    const stale = ok.filter((row) => {
      const value = current.get(row.id);
      return value && (value.price !== row.snapshot?.price || value.stock !== row.snapshot?.stock);
    });
    if (stale.length)
      await markListingsForSync(tx, { organizationId: run.organizationId, listingIds: stale.map((row) => row.id) });
  });
}

/** Listings not created on the shop yet end `failed` with the reason. */
async function failListings(
  tx: EntityManager,
  rows: readonly { id: string }[],
  code: string | null,
  message: string | null | undefined,
): Promise<void> {
  await sqlRows(
    tx,
    `update listing set sync_state = 'failed', last_error_code = $2, last_error = $3, updated_at = now()
      where id = any($1::uuid[]) and external_product_id is null`,
    [rows.map((row) => row.id), code, message ?? null],
  );
}

async function announce(run: PublishRun): Promise<void> {
  await run.ctx.realtime
    .toOrganization(run.organizationId)
    .emit("listings.changed", {
      listingIds: run.rows.map((row) => row.id),
      variantIds: run.rows.map((row) => row.variantId),
      connectionId: run.connectionId,
      reason: "publish",
    })
    .catch((err: unknown) => run.ctx.log.warn({ err }, "emit failed"));
}

/** One `sync_log` row (operation `create`) per listing of the run. */
async function logAttempt(
  tx: EntityManager,
  run: PublishRun,
  entry: {
    outcome: "succeeded" | "failed" | "retrying";
    after: Record<string, unknown>[] | null;
    errorCode?: string | null;
    error?: string | null;
    requestId?: string | null;
  },
): Promise<void> {
  await sqlRows(
    tx,
    `insert into sync_log (id, organization_id, connection_id, listing_id, operation, before, after, outcome, attempt,
                           duration_ms, request_id, error_code, error, created_at)
     select gen_random_uuid(), $1, $2, x.listing_id, 'create', null, x.after, $3, $4, $5, $6, $7, $8, now()
       from jsonb_to_recordset($9::jsonb) as x(listing_id uuid, after jsonb)`,
    [
      run.organizationId,
      run.connectionId,
      entry.outcome,
      run.ctx.attempt,
      Math.round(performance.now() - run.started),
      entry.requestId ?? null,
      entry.errorCode ?? null,
      entry.error ?? null,
      JSON.stringify(run.rows.map((row, i) => ({ listing_id: row.id, after: entry.after?.[i] ?? null }))),
    ],
  );
}

function priceOrNull(price: ReturnType<typeof channelPrice>): number | null {
  return price.ok ? price.price : null;
}

/** The price and stock each listing should show now (to find edits made during the publish). */
async function currentValues(
  tx: EntityManager,
  rows: readonly PendingPublishRow[],
  pricing: ConnectionPricing,
): Promise<Map<string, { price: number | null; stock: number }>> {
  const current = await sqlRows<{
    id: string;
    price: string;
    priceRule: ListingPriceRule | null;
    available: number;
    connectionId: string;
    listingRule: unknown;
    connectionRule: unknown;
    organizationRule: unknown;
  }>(
    tx,
    `select l.id, v.price::text as price, l.price_rule as "priceRule",
            greatest(coalesce(s.on_hand, 0) - coalesce(s.reserved, 0), 0) as available,
            l.stock_rule as "listingRule", cr.rule as "connectionRule", i.default_stock_rule as "organizationRule", l.connection_id::text as "connectionId"
       from listing l join variant v on v.id = l.variant_id left join stock_level s on s.variant_id = v.id
       left join connection_stock_rule cr on cr.connection_id = l.connection_id
       left join inventory_settings i on i.organization_id = l.organization_id
      where l.id = any($1::uuid[])`,
    [rows.map((row) => row.id)],
  );
  return new Map(
    current.map((row) => [
      row.id,
      {
        price: priceOrNull(channelPrice(pricing, Number(row.price), row.priceRule)),
        stock: offeredStock(row.available, row, row.connectionId),
      },
    ]),
  );
}
