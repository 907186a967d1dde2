import type { MarketplaceOrder, Platform } from "@syncstore/channels";
import { sqlRows, type EntityManager } from "@syncstore/db";
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
}

interface HeldOrder {
  id: string;
  status: string;
  platform_status: string | null;
  platform_updated_at: Date | string | null;
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
): Promise<OrderResult> {
  const full = "lines" in order;
  const platformStatus = order.status;
  const status = normalizeOrderStatus(connection.platform, platformStatus);
  const updatedAt = full ? order.updatedAt : order.occurredAt;
  const raw = full ? { source: "api", trackingNumber: order.trackingNumber } : { source: "webhook" };
  const inserted = await sqlRows<{ id: string }>(
    tx,
    `insert into channel_order (id, organization_id, connection_id, external_order_id, status, platform_status,
                                currency, total, placed_at, platform_updated_at, raw, created_at, updated_at)
     values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, now(), now())
     on conflict (connection_id, external_order_id) do nothing
     returning id::text as id`,
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
    ],
  );
  let id = inserted[0]?.id;
  let outcome: OrderOutcome = "created";
  if (!id) {
    const [held] = await sqlRows<HeldOrder>(
      tx,
      `select id::text as id, status, platform_status, platform_updated_at from channel_order
        where connection_id = $1 and external_order_id = $2 for update`,
      [connection.id, order.orderId],
    );
    if (!held) throw new Error(`order ${order.orderId} vanished while being stored`);
    id = held.id;
    if (!isNewerOrSame(updatedAt, held.platform_updated_at)) {
      return { id, externalOrderId: order.orderId, outcome: "stale", status: held.status, lines: 0 };
    }
    const same =
      held.platform_status === platformStatus &&
      (asDate(held.platform_updated_at)?.getTime() ?? null) === (updatedAt?.getTime() ?? null);
    outcome = same ? "unchanged" : "updated";
    await sqlRows(
      tx,
      `update channel_order
          set status = $2, platform_status = $3,
              currency = coalesce($4, currency), total = coalesce($5, total),
              placed_at = coalesce(placed_at, $6), platform_updated_at = $7,
              raw = coalesce(raw, '{}'::jsonb) || $8::jsonb, updated_at = now()
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
      ],
    );
  }
  let lines = 0;
  if (full) lines = await replaceLines(tx, connection, id, order);
  return { id, externalOrderId: order.orderId, outcome, status, lines };
}

async function replaceLines(
  tx: EntityManager,
  connection: OrderConnection,
  orderId: string,
  order: MarketplaceOrder,
): Promise<number> {
  await sqlRows(tx, `delete from channel_order_line where order_id = $1`, [orderId]);
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
                                     external_variant_id, sku, quantity, unit_price)
     select gen_random_uuid(), $1, $2, l.id, coalesce(l.variant_id, v.id), x.product_id, x.variant_id, x.sku,
            x.quantity, x.unit_price
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
     returning id::text as id`,
    [connection.organizationId, orderId, connection.id, JSON.stringify(lines)],
  );
  return rows.length;
}
