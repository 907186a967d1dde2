import { isChannelError, type CreatedListing } from "@syncstore/channels";
import { ChannelConnection, sqlRows, type EntityManager, type ListingPriceRule } from "@syncstore/db";
import { listingPrice, listingStock } from "@syncstore/domain";
import { ConnectionUnavailableError, withShopSession } from "../channels/shop-session";
import type { TaskContext } from "../context";
import {
  addMissingVariants,
  addVariantsInput,
  createListingInput,
  findPublishedProduct,
  liveChannelProduct,
  pendingPublishRows,
  type PendingPublishRow,
} from "../listings/publish";
import { markListingsForSync } from "../sync/mark";

export const PUBLISH_MAX_ATTEMPTS = 5;

export function publishListingJobKey(connectionId: string, productId: string): string {
  return `publish-listing:${connectionId}:${productId}`;
}

async function currencyOf(em: EntityManager, organizationId: string): Promise<string> {
  const [row] = await sqlRows<{ currency: string }>(em, `select currency from organization where id = $1`, [
    organizationId,
  ]);
  return row?.currency ?? "USD";
}

async function logAttempt(
  tx: EntityManager,
  rows: readonly { id: string }[],
  entry: {
    organizationId: string;
    connectionId: string;
    outcome: "succeeded" | "failed" | "retrying";
    attempt: number;
    durationMs: number;
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
      entry.organizationId,
      entry.connectionId,
      entry.outcome,
      entry.attempt,
      entry.durationMs,
      entry.requestId ?? null,
      entry.errorCode ?? null,
      entry.error ?? null,
      JSON.stringify(rows.map((row, i) => ({ listing_id: row.id, after: entry.after?.[i] ?? null }))),
    ],
  );
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
  payload: { connectionId: string; productId: string },
  ctx: TaskContext,
): Promise<void> {
  const { connectionId, productId } = payload;
  const connection = await ctx.orm.em.fork().findOne(ChannelConnection, { id: connectionId }, { filters: false });
  if (!connection) return;
  const organizationId = connection.organizationId;
  const em = ctx.orm.em.fork();
  const currency = await currencyOf(em, organizationId);
  const rows = await pendingPublishRows(em, organizationId, connectionId, productId, currency);
  if (rows.length === 0) return;
  const [product] = await sqlRows<{ title: string; description: string | null; images: string[] }>(
    em,
    `select title, description, images from product where organization_id = $1 and id = $2`,
    [organizationId, productId],
  );
  if (!product) return;
  // A product the shop already has (variants added to the master after publishing) gets the
  // missing variants added to it; otherwise the product is created.
  const live = await liveChannelProduct(em, connectionId, productId);
  const createInput = live ? null : createListingInput(connection.platform, product, rows, currency);
  const addInput = addVariantsInput(rows, currency);
  // New listings of an existing channel product share its title and description as last pushed.
  const input = createInput ?? {
    ...addInput,
    title: live?.title ?? product.title,
    description: live?.description ?? null,
  };
  const attempt = ctx.helpers.job.attempts;
  const started = performance.now();
  const announce = async () => {
    await ctx.realtime
      .toOrganization(organizationId)
      .emit("listings.changed", {
        listingIds: rows.map((row) => row.id),
        variantIds: rows.map((row) => row.variantId),
        connectionId,
        reason: "publish",
      })
      .catch((err: unknown) => ctx.log.warn({ err }, "emit failed"));
  };

  let created: CreatedListing;
  try {
    created = await withShopSession(ctx.orm.em, ctx.channels, connectionId, ctx.log, async (adapter, session) => {
      if (live || !createInput)
        return addMissingVariants(adapter, session, live?.externalProductId ?? "", addInput, attempt > 1);
      const since = new Date(Math.min(...rows.map((row) => row.createdAt.getTime())) - 60_000);
      const existing =
        attempt > 1
          ? await findPublishedProduct(
              adapter,
              session,
              rows.map((row) => row.sku),
              since,
            )
          : null;
      return existing ?? adapter.createListing(session, createInput);
    });
  } catch (error) {
    const final =
      error instanceof ConnectionUnavailableError ||
      (isChannelError(error) && !error.retryable) ||
      attempt >= ctx.helpers.job.max_attempts;
    if (!(error instanceof ConnectionUnavailableError) && !isChannelError(error) && !final) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const code = isChannelError(error)
      ? error.code
      : error instanceof ConnectionUnavailableError
        ? "AUTH_REVOKED"
        : null;
    await ctx.orm.em.fork().transactional(async (tx) => {
      if (final)
        await sqlRows(
          tx,
          `update listing set sync_state = 'failed', last_error_code = $2, last_error = $3, updated_at = now()
            where id = any($1::uuid[]) and external_product_id is null`,
          [rows.map((row) => row.id), code, message],
        );
      await logAttempt(tx, rows, {
        organizationId,
        connectionId,
        outcome: final ? "failed" : "retrying",
        attempt,
        durationMs: Math.round(performance.now() - started),
        after: null,
        errorCode: code,
        error: message,
        requestId: isChannelError(error) ? (error.requestId ?? null) : null,
      });
    });
    await announce();
    ctx.log.warn({ connectionId, productId, code, final }, "publish failed");
    if (final) return;
    throw error;
  }

  const sent = new Map(input.variants.map((variant) => [variant.sku, variant]));
  const variantIdOf = new Map(created.variants.map((v) => [v.sku, v.variantId]));
  await ctx.orm.em.fork().transactional(async (tx) => {
    const snapshots = rows.map((row) => ({
      title: input.title,
      description: input.description,
      price: row.price,
      stock: sent.get(row.sku)?.stock ?? row.stock,
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
      [JSON.stringify(ok), created.productId, input.title],
    );
    if (missing.length)
      await sqlRows(
        tx,
        `update listing set sync_state = 'failed', last_error_code = 'VALIDATION',
                last_error = 'The marketplace created the product without this SKU', updated_at = now()
          where id = any($1::uuid[])`,
        [missing.map((row) => row.id)],
      );
    await logAttempt(tx, rows, {
      organizationId,
      connectionId,
      outcome: "succeeded",
      attempt,
      durationMs: Math.round(performance.now() - started),
      after: snapshots,
    });
    // Master edits made while the product was being created were not pushed: queue them now.
    const current = await currentValues(tx, rows, currency);
    const stale = ok.filter((row) => {
      const value = current.get(row.id);
      return value && (value.price !== row.snapshot?.price || value.stock !== row.snapshot?.stock);
    });
    if (stale.length) await markListingsForSync(tx, { organizationId, listingIds: stale.map((row) => row.id) });
  });
  await announce();
  ctx.log.info({ connectionId, productId, externalProductId: created.productId }, "product published");
}

async function currentValues(
  tx: EntityManager,
  rows: readonly PendingPublishRow[],
  currency: string,
): Promise<Map<string, { price: number | null; stock: number }>> {
  const current = await sqlRows<{
    id: string;
    price: string;
    priceRule: ListingPriceRule | null;
    available: number;
    stockBuffer: number;
    stockCap: number | null;
  }>(
    tx,
    `select l.id, v.price::text as price, l.price_rule as "priceRule",
            greatest(coalesce(s.on_hand, 0) - coalesce(s.reserved, 0), 0) as available,
            l.stock_buffer as "stockBuffer", l.stock_cap as "stockCap"
       from listing l join variant v on v.id = l.variant_id left join stock_level s on s.variant_id = v.id
      where l.id = any($1::uuid[])`,
    [rows.map((row) => row.id)],
  );
  return new Map(
    current.map((row) => [
      row.id,
      {
        price: listingPrice(Number(row.price), row.priceRule, currency),
        stock: listingStock(row.available, { buffer: row.stockBuffer, cap: row.stockCap }),
      },
    ]),
  );
}
