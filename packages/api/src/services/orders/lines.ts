import { DomainError, orderPhase, type OrderPlatform } from "@syncstore/domain";
import { applyOrderStock } from "@syncstore/services";
import type { AlertRaisedPayload } from "@syncstore/realtime";
import { withChange, type Change } from "../../core/change";
import { sqlRows, type EntityManager } from "@syncstore/db";
import { linkListingInChange } from "../listings/linking";
import type { OrgScope } from "../scope";

export interface UnmatchedLine {
  id: string;
  orderId: string;
  externalOrderId: string;
  platform: OrderPlatform;
  connection: { id: string; name: string };
  externalProductId: string | null;
  externalVariantId: string | null;
  sku: string | null;
  quantity: number;
  placedAt: Date | null;
}

/** Lines whose marketplace item matches no master variant yet (oldest order first, as they wait). */
export async function listUnmatchedLines(
  scope: OrgScope,
  input: { connectionId?: string | undefined; limit: number },
): Promise<UnmatchedLine[]> {
  const rows = await sqlRows<{
    id: string;
    order_id: string;
    external_order_id: string;
    platform: OrderPlatform;
    connection_id: string;
    connection_name: string;
    external_product_id: string | null;
    external_variant_id: string | null;
    sku: string | null;
    quantity: number;
    placed_at: Date | string | null;
  }>(
    scope.em,
    `select l.id::text as id, o.id::text as order_id, o.external_order_id, c.platform, c.id::text as connection_id,
            c.name as connection_name, l.external_product_id, l.external_variant_id, l.sku, l.quantity, o.placed_at
       from channel_order_line l
       join channel_order o on o.id = l.order_id
       join channel_connection c on c.id = o.connection_id
      where l.organization_id = $1 and l.variant_id is null and ($2::uuid is null or o.connection_id = $2::uuid)
      order by coalesce(o.placed_at, o.created_at), o.created_at, l.id
      limit $3`,
    [scope.actor.organizationId, input.connectionId ?? null, input.limit],
  );
  return rows.map((row) => ({
    id: row.id,
    orderId: row.order_id,
    externalOrderId: row.external_order_id,
    platform: row.platform,
    connection: { id: row.connection_id, name: row.connection_name },
    externalProductId: row.external_product_id,
    externalVariantId: row.external_variant_id,
    sku: row.sku,
    quantity: row.quantity,
    placedAt: row.placed_at === null ? null : new Date(row.placed_at),
  }));
}

interface OrderForStock {
  id: string;
  platform: OrderPlatform;
  platform_status: string | null;
  placed_at: Date | string | null;
  fulfilled_by_platform: boolean;
}

async function applyOrder(
  change: Change,
  organizationId: string,
  order: OrderForStock,
  options: { returnReceived?: boolean } = {},
) {
  const result = await applyOrderStock(change.tx, {
    organizationId,
    orderId: order.id,
    phase: orderPhase(order.platform, order.platform_status),
    fulfilledByPlatform: order.fulfilled_by_platform,
    placedAt: order.placed_at === null ? null : new Date(order.placed_at),
    actorId: change.actor.userId,
    ...options,
  });
  announce(change, result.alerts);
  if (result.variantIds.length > 0)
    change.emit("stock.changed", { variantIds: result.variantIds, reason: options.returnReceived ? "order" : "link" });
  return result;
}

function announce(change: Change, alerts: readonly AlertRaisedPayload[]) {
  for (const alert of alerts) change.emit("alert.raised", alert);
}

async function lockOrders(tx: EntityManager, organizationId: string, orderIds: string[]): Promise<OrderForStock[]> {
  return sqlRows<OrderForStock>(
    tx,
    `select o.id::text as id, c.platform, o.platform_status, o.placed_at, o.fulfilled_by_platform
       from channel_order o join channel_connection c on c.id = o.connection_id
      where o.organization_id = $1 and o.id = any($2::uuid[])
      order by o.id for update of o`,
    [organizationId, orderIds],
  );
}

/**
 * Links an unmatched order line to a master variant, with every other unmatched line of the same
 * shop item (same shop and marketplace ids, or the same marketplace SKU), and applies what their
 * orders' states call for at once (a commit for an open order, a commit then a shipment for a
 * shipped one), through the order state machine and the one stock writer. When the line names the
 * shop's product and variant and that listing is still unmatched (and the variant has no listing on
 * this shop yet), the listing is linked to the variant too, as "Link listing" would: its stock is
 * reconciled at once and later orders of it match by themselves.
 */
export async function linkOrderLine(
  scope: OrgScope,
  input: { lineId: string; variantId: string },
): Promise<{ linkedLines: number; orders: number; linkedListingId: string | null }> {
  const organizationId = scope.actor.organizationId;
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    const [line] = await sqlRows<{
      id: string;
      variant_id: string | null;
      connection_id: string;
      external_product_id: string | null;
      external_variant_id: string | null;
      sku: string | null;
      external_order_id: string;
    }>(
      tx,
      `select l.id::text as id, l.variant_id::text as variant_id, o.connection_id::text as connection_id,
              l.external_product_id, l.external_variant_id, l.sku, o.external_order_id
         from channel_order_line l join channel_order o on o.id = l.order_id
        where l.organization_id = $1 and l.id = $2::uuid for update of l`,
      [organizationId, input.lineId],
    );
    if (!line) throw new DomainError("NOT_FOUND", "This order line does not exist in this organization");
    if (line.variant_id)
      throw new DomainError("CONFLICT", "This order line is already matched to a variant; reload the order");
    const [variant] = await sqlRows<{ id: string; sku: string }>(
      tx,
      `select id::text as id, sku from variant where organization_id = $1 and id = $2::uuid`,
      [organizationId, input.variantId],
    );
    if (!variant) throw DomainError.invalidFields([{ path: ["variantId"], message: "This variant does not exist" }]);
    const linked = await sqlRows<{ id: string; order_id: string }>(
      tx,
      `update channel_order_line l set variant_id = $3::uuid
         from channel_order o
        where o.id = l.order_id and l.organization_id = $1 and l.variant_id is null and o.connection_id = $2::uuid
          and (l.id = $4::uuid
               or ($5::text is not null and l.external_product_id = $5 and l.external_variant_id is not distinct from $6)
               or ($7::text is not null and l.sku = $7))
        returning l.id::text as id, l.order_id::text as order_id`,
      [
        organizationId,
        line.connection_id,
        variant.id,
        line.id,
        line.external_product_id,
        line.external_variant_id,
        line.sku,
      ],
    );
    const orderIds = [...new Set(linked.map((row) => row.order_id))];
    for (const order of await lockOrders(tx, organizationId, orderIds)) await applyOrder(change, organizationId, order);
    const [listing] = line.external_product_id
      ? await sqlRows<{ id: string }>(
          tx,
          `select l.id::text as id from listing l
            where l.organization_id = $1 and l.connection_id = $2::uuid and l.variant_id is null
              and l.external_product_id = $3 and l.external_variant_id is not distinct from $4
              and not exists (select 1 from listing t where t.connection_id = l.connection_id and t.variant_id = $5::uuid)
            limit 1`,
          [organizationId, line.connection_id, line.external_product_id, line.external_variant_id, variant.id],
        )
      : [];
    if (listing) await linkListingInChange(scope, change, { listingId: listing.id, variantId: variant.id });
    change.audit({
      action: "order.line_link",
      entity: "channel_order_line",
      entityId: line.id,
      label: `${line.external_order_id} · ${line.sku ?? line.external_product_id ?? "line"}`,
      before: { variant: null },
      after: { variant: variant.sku, lines: linked.length, orders: orderIds.length, listing: listing?.id ?? null },
    });
    return { linkedLines: linked.length, orders: orderIds.length, linkedListingId: listing?.id ?? null };
  });
}

/**
 * The seller received a returned order's parcel: its shipped units go back on hand (once; the
 * line's effect records it), through the state machine's restock.
 */
export async function markReturnReceived(scope: OrgScope, orderId: string): Promise<{ restockedUnits: number }> {
  const organizationId = scope.actor.organizationId;
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const [order] = await lockOrders(change.tx, organizationId, [orderId]);
    if (!order) throw new DomainError("NOT_FOUND", "This order does not exist in this organization");
    if (orderPhase(order.platform, order.platform_status) !== "returned")
      throw new DomainError(
        "INVALID",
        `This order is ${order.platform_status ?? "open"} on the marketplace, not returned; only a returned order can be received back`,
      );
    if (order.fulfilled_by_platform)
      throw new DomainError(
        "INVALID",
        "The marketplace fulfilled this order from its own warehouse; its return does not come back to you",
      );
    const [before] = await sqlRows<{ units: number }>(
      change.tx,
      `select coalesce(sum(restocked_quantity), 0)::int as units from channel_order_line where order_id = $1::uuid`,
      [orderId],
    );
    await applyOrder(change, organizationId, order, { returnReceived: true });
    const [after] = await sqlRows<{ units: number; external_order_id: string }>(
      change.tx,
      `select coalesce(sum(l.restocked_quantity), 0)::int as units, max(o.external_order_id) as external_order_id
         from channel_order_line l join channel_order o on o.id = l.order_id where l.order_id = $1::uuid`,
      [orderId],
    );
    const restockedUnits = (after?.units ?? 0) - (before?.units ?? 0);
    if (restockedUnits === 0)
      throw new DomainError("CONFLICT", "This return was already received: its units are back on hand");
    change.audit({
      action: "order.return_received",
      entity: "channel_order",
      entityId: orderId,
      label: after?.external_order_id ?? null,
      after: { restockedUnits },
    });
    return { restockedUnits };
  });
}
