import type { MarketplaceOrder, Platform } from "@syncstore/channels";
import { sqlRows, type EntityManager } from "@syncstore/db";
import { orderPhase } from "@syncstore/domain";
import { applyOrderStock, type OrderStockResult } from "../orders/stock";
import { asDate, isNewerOrSame, minorUnits, normalizeOrderStatus } from "./rules";

export interface OrderConnection {
  id: string;
  organizationId: string;
  platform: Platform;
}

/** Only a status from a webhook, when the platform could not be asked for the whole order. */
export interface OrderHint {
  orderId: string;
  status: string | null;
  occurredAt: Date | null;
}

export type OrderOutcome = "created" | "updated" | "unchanged" | "stale";

export interface OrderResult {
  id: string;
  externalOrderId: string;
  outcome: OrderOutcome;
  status: string;
  lines: number;
  /** What the order's state did to stock (nothing for a stale state). */
  stock: OrderStockResult | null;
}

export interface UpsertOrderOptions {
  /** The webhook event being processed, written on the stock movements it causes. */
  webhookEventId?: string | null;
}

interface HeldOrder {
  id: string;
  status: string;
  platform_status: string | null;
  platform_updated_at: Date | string | null;
  placed_at: Date | string | null;
  fulfilled_by_platform: boolean;
}

/**
 * Stores an order (from the platform, or a status hint) under invariant 2: a state older than the
 * one held (platform update time) never overwrites it; the same state applied twice changes
 * nothing. Lines are replaced together with a newer full order and matched to listings by
 * external ids, else by SKU, and to master variants by SKU.
 */
export async function upsertOrder(
  tx: EntityManager,
  connection: OrderConnection,
  order: MarketplaceOrder | OrderHint,
  options: UpsertOrderOptions = {},
): Promise<OrderResult> {
  const full = "lines" in order;
  const platformStatus = order.status;
  const status = normalizeOrderStatus(connection.platform, platformStatus);
  const updatedAt = full ? order.updatedAt : order.occurredAt;
  const raw = full ? { source: "api", trackingNumber: order.trackingNumber } : { source: "webhook" };
  const history = JSON.stringify([
    { status, platformStatus, at: (updatedAt ?? new Date()).toISOString(), source: full ? "api" : "webhook" },
  ]);
  const inserted = await sqlRows<{ id: string; placed_at: Date | string | null }>(
    tx,
    `insert into channel_order (id, organization_id, connection_id, external_order_id, status, platform_status,
                                currency, total, placed_at, platform_updated_at, raw, paid_at, cancelled_by,
                                cancel_reason, fulfilled_by_platform, status_history, created_at, updated_at)
     values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $15::jsonb, now(), now())
     on conflict (connection_id, external_order_id) do nothing
     returning id::text as id, placed_at`,
    [
      connection.organizationId,
      connection.id,
      order.orderId,
      status,
      platformStatus,
      full ? order.currency : null,
      full ? minorUnits(order.total) : null,
      full ? (order.createdAt ?? order.updatedAt) : order.occurredAt,
      updatedAt,
      JSON.stringify(raw),
      full ? order.paidAt : null,
      full ? order.cancelledBy : null,
      full ? order.cancelReason : null,
      full ? order.fulfilledByPlatform : false,
      history,
    ],
  );
  let id = inserted[0]?.id;
  let placedAt = asDate(inserted[0]?.placed_at);
  let fulfilledByPlatform = full ? order.fulfilledByPlatform : false;
  let outcome: OrderOutcome = "created";
  if (!id) {
    const [held] = await sqlRows<HeldOrder>(
      tx,
      `select id::text as id, status, platform_status, platform_updated_at, placed_at, fulfilled_by_platform
         from channel_order where connection_id = $1 and external_order_id = $2 for update`,
      [connection.id, order.orderId],
    );
    if (!held) throw new Error(`order ${order.orderId} vanished while being stored`);
    id = held.id;
    if (!isNewerOrSame(updatedAt, held.platform_updated_at)) {
      return { id, externalOrderId: order.orderId, outcome: "stale", status: held.status, lines: 0, stock: null };
    }
    placedAt = full && order.createdAt ? order.createdAt : asDate(held.placed_at);
    fulfilledByPlatform = full ? order.fulfilledByPlatform : held.fulfilled_by_platform;
    const same =
      held.platform_status === platformStatus &&
      (asDate(held.platform_updated_at)?.getTime() ?? null) === (updatedAt?.getTime() ?? null);
    outcome = same ? "unchanged" : "updated";
    await sqlRows(
      tx,
      `update channel_order
          set status = $2, platform_status = $3,
              currency = coalesce($4, currency), total = coalesce($5, total),
              placed_at = coalesce($6, placed_at), platform_updated_at = $7,
              raw = coalesce(raw, '{}'::jsonb) || $8::jsonb,
              paid_at = coalesce($9, paid_at), cancelled_by = coalesce($10, cancelled_by),
              cancel_reason = coalesce($11, cancel_reason), fulfilled_by_platform = $12,
              status_history = case when $13 then status_history || $14::jsonb else status_history end,
              updated_at = now()
        where id = $1`,
      [
        id,
        status,
        platformStatus,
        full ? order.currency : null,
        full ? minorUnits(order.total) : null,
        full ? order.createdAt : null,
        updatedAt,
        JSON.stringify(raw),
        full ? order.paidAt : null,
        full ? order.cancelledBy : null,
        full ? order.cancelReason : null,
        fulfilledByPlatform,
        !same,
        history,
      ],
    );
  }
  let lines = 0;
  if (full) lines = await upsertLines(tx, connection, id, order);
  const stock = await applyOrderStock(tx, {
    organizationId: connection.organizationId,
    orderId: id,
    phase: orderPhase(connection.platform, platformStatus),
    fulfilledByPlatform,
    placedAt,
    webhookEventId: options.webhookEventId ?? null,
    returnReceived: await autoRestock(tx, connection.organizationId),
  });
  return { id, externalOrderId: order.orderId, outcome, status, lines, stock };
}

/** Settings → Inventory: returns are put back on hand when the platform reports them, without a person confirming. */
async function autoRestock(tx: EntityManager, organizationId: string): Promise<boolean> {
  const [row] = await sqlRows<{ auto: boolean }>(
    tx,
    `select auto_restock_returns as auto from inventory_settings where organization_id = $1`,
    [organizationId],
  );
  return row?.auto ?? false;
}

/**
 * Lines keep their identity (order, external product|variant|SKU) across updates, so the stock
 * effect recorded on each survives a newer full order; a line still unmatched is matched again.
 */
async function upsertLines(
  tx: EntityManager,
  connection: OrderConnection,
  orderId: string,
  order: MarketplaceOrder,
): Promise<number> {
  if (order.lines.length === 0) return 0;
  const lines = order.lines.map((line) => ({
    product_id: line.productId,
    variant_id: line.variantId,
    sku: line.sku,
    quantity: line.quantity,
    unit_price: minorUnits(line.unitPrice),
  }));
  const rows = await sqlRows<{ id: string }>(
    tx,
    `insert into channel_order_line (id, organization_id, order_id, listing_id, variant_id, external_product_id,
                                     external_variant_id, sku, quantity, unit_price, line_key)
     select gen_random_uuid(), $1, $2, l.id, coalesce(l.variant_id, v.id), x.product_id, x.variant_id, x.sku,
            x.quantity, x.unit_price, coalesce(x.product_id, '') || '|' || coalesce(x.variant_id, '') || '|' || coalesce(x.sku, '')
       from jsonb_to_recordset($4::jsonb) as x(product_id text, variant_id text, sku text, quantity int, unit_price bigint)
       left join lateral (
         select id, variant_id from listing
          where connection_id = $3
            and ((external_product_id = x.product_id and external_variant_id = x.variant_id)
                 or (x.sku is not null and external_sku = x.sku))
          order by (external_product_id = x.product_id and external_variant_id = x.variant_id) desc nulls last
          limit 1
       ) l on true
       left join lateral (select id from variant where organization_id = $1 and sku = x.sku limit 1) v on true
     on conflict (order_id, line_key) do update
        set listing_id = coalesce(channel_order_line.listing_id, excluded.listing_id),
            variant_id = coalesce(channel_order_line.variant_id, excluded.variant_id),
            unit_price = excluded.unit_price,
            quantity = case when channel_order_line.effect = 'none' then excluded.quantity else channel_order_line.quantity end
     returning id::text as id`,
    [connection.organizationId, orderId, connection.id, JSON.stringify(lines)],
  );
  return rows.length;
}
