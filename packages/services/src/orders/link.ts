import { sqlRows, type EntityManager } from "@syncstore/db";
import { orderPhase, type OrderPlatform } from "@syncstore/domain";
import type { AlertRaisedPayload } from "@syncstore/realtime";
import { applyOrderStock } from "./stock";

/**
 * Order lines that matched no variant when they arrived take the variant of listings just linked
 * (same shop and external ids, or the listing's SKU), and their order's stock effect is applied
 * then (a commit for an open order, a shipment for a shipped one). Call it in the linking
 * transaction. Returns the alerts raised (oversold, low stock) to announce after the commit.
 */
export async function applyLinkedOrderLines(
  tx: EntityManager,
  organizationId: string,
  listingIds: readonly string[],
): Promise<{ lines: number; alerts: AlertRaisedPayload[] }> {
  if (listingIds.length === 0) return { lines: 0, alerts: [] };
  const matched = await sqlRows<{ order_id: string }>(
    tx,
    `update channel_order_line ol
        set variant_id = l.variant_id, listing_id = l.id
       from channel_order o, listing l
      where o.id = ol.order_id and ol.variant_id is null and l.id = any($2::uuid[]) and l.organization_id = $1
        and l.variant_id is not null and l.connection_id = o.connection_id
        and ((ol.external_product_id = l.external_product_id and ol.external_variant_id = l.external_variant_id)
             or (ol.sku is not null and ol.sku = l.external_sku))
      returning ol.order_id::text as order_id`,
    [organizationId, listingIds],
  );
  const orderIds = [...new Set(matched.map((row) => row.order_id))];
  const alerts: AlertRaisedPayload[] = [];
  for (const orderId of orderIds) {
    const [order] = await sqlRows<{
      platform: OrderPlatform;
      platform_status: string | null;
      placed_at: Date | null;
      fulfilled_by_platform: boolean;
    }>(
      tx,
      `select c.platform, o.platform_status, o.placed_at, o.fulfilled_by_platform
         from channel_order o join channel_connection c on c.id = o.connection_id where o.id = $1`,
      [orderId],
    );
    if (!order) continue;
    const result = await applyOrderStock(tx, {
      organizationId,
      orderId,
      phase: orderPhase(order.platform, order.platform_status),
      fulfilledByPlatform: order.fulfilled_by_platform,
      placedAt: order.placed_at,
    });
    alerts.push(...result.alerts);
  }
  return { lines: matched.length, alerts };
}
