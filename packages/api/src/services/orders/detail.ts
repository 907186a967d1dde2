import { DomainError, type LineEffect } from "@syncstore/domain";
import { sqlRows } from "../sql";
import type { OrgScope } from "../scope";
import { orderColumns, orderFrom, toOrderItem, type OrderListItem, type OrderRow } from "./list";

export interface OrderLineDetail {
  id: string;
  externalProductId: string | null;
  externalVariantId: string | null;
  /** The SKU the marketplace sent. */
  sku: string | null;
  quantity: number;
  /** Minor units of the order's currency. */
  unitPrice: number | null;
  effect: LineEffect;
  committedQuantity: number;
  oversoldQuantity: number;
  restockedQuantity: number;
  /** The matched master variant; null while the line is unmatched. */
  variant: { id: string; productId: string; sku: string; productTitle: string; options: Record<string, string> } | null;
  listingId: string | null;
}

export interface OrderMovement {
  id: string;
  at: Date;
  lineId: string | null;
  variantSku: string | null;
  bucket: string;
  delta: number;
  before: number;
  after: number;
  reason: string;
  webhookEventId: string | null;
  actorName: string | null;
}

export interface OrderWebhookEvent {
  id: string;
  eventType: string;
  eventKey: string;
  status: string;
  receivedAt: Date;
  processedAt: Date | null;
  duplicates: number;
  summary: string | null;
}

export interface OrderStatusChange {
  status: string;
  platformStatus: string | null;
  at: Date | null;
  source: string | null;
}

export interface OrderDetail extends OrderListItem {
  fulfilledByPlatform: boolean;
  trackingNumber: string | null;
  lines: OrderLineDetail[];
  movements: OrderMovement[];
  webhookEvents: OrderWebhookEvent[];
  statusHistory: OrderStatusChange[];
  /** The platform reports a return and some shipped units are not back on hand yet. */
  returnPending: boolean;
}

interface DetailRow extends OrderRow {
  fulfilled_by_platform: boolean;
  status_history: Record<string, unknown>[] | null;
  raw: Record<string, unknown> | null;
}

const date = (value: Date | string) => (value instanceof Date ? value : new Date(value));
const dateOrNull = (value: Date | string | null | undefined) =>
  value === null || value === undefined ? null : date(value);

function toStatusChange(entry: Record<string, unknown>): OrderStatusChange {
  const at = typeof entry.at === "string" ? new Date(entry.at) : null;
  return {
    status: typeof entry.status === "string" ? entry.status : "unknown",
    platformStatus: typeof entry.platformStatus === "string" ? entry.platformStatus : null,
    at: at && !Number.isNaN(at.getTime()) ? at : null,
    source: typeof entry.source === "string" ? entry.source : null,
  };
}

/**
 * One order with everything behind it: its lines and the master variants they matched, the stock
 * movements each transition wrote (by order), the webhook events of the order (those whose
 * processing named it or moved its stock, or whose body carries its number) and its status history.
 */
export async function getOrder(scope: OrgScope, id: string): Promise<OrderDetail> {
  const organizationId = scope.actor.organizationId;
  const [row] = await sqlRows<DetailRow>(
    scope.em,
    `select ${orderColumns}, o.fulfilled_by_platform, o.status_history, o.raw
       from ${orderFrom} where o.organization_id = $1 and o.id = $2::uuid`,
    [organizationId, id],
  );
  if (!row) throw new DomainError("NOT_FOUND", "This order does not exist in this organization");
  const [lines, movements, events] = await Promise.all([
    sqlRows<{
      id: string;
      external_product_id: string | null;
      external_variant_id: string | null;
      sku: string | null;
      quantity: number;
      unit_price: string | number | null;
      effect: LineEffect;
      committed_quantity: number;
      oversold_quantity: number;
      restocked_quantity: number;
      listing_id: string | null;
      variant_id: string | null;
      product_id: string | null;
      variant_sku: string | null;
      product_title: string | null;
      options: Record<string, string> | null;
    }>(
      scope.em,
      `select l.id::text as id, l.external_product_id, l.external_variant_id, l.sku, l.quantity, l.unit_price,
              l.effect, l.committed_quantity, l.oversold_quantity, l.restocked_quantity, l.listing_id::text as listing_id,
              v.id::text as variant_id, v.product_id::text as product_id, v.sku as variant_sku,
              p.title as product_title, v.options
         from channel_order_line l
         left join variant v on v.id = l.variant_id
         left join product p on p.id = v.product_id
        where l.organization_id = $1 and l.order_id = $2::uuid
        order by l.line_key, l.id`,
      [organizationId, id],
    ),
    sqlRows<{
      id: string;
      at: Date | string;
      source_ref: string | null;
      source_kind: string | null;
      variant_sku: string | null;
      bucket: string;
      delta: number;
      before: number;
      after: number;
      reason: string;
      webhook_event_id: string | null;
      actor_name: string | null;
    }>(
      scope.em,
      `select m.id::text as id, m.at, m.source_ref, m.source_kind, v.sku as variant_sku, m.bucket, m.delta, m.before,
              m.after, m.reason, m.webhook_event_id::text as webhook_event_id, u.name as actor_name
         from inventory_movement m
         left join variant v on v.id = m.variant_id
         left join "user" u on u.id = m.actor_id
        where m.organization_id = $1 and m.order_id = $2::uuid
        order by m.at,
                 array_position(array['order_committed', 'order_released', 'order_shipped', 'return_restocked'], m.reason),
                 m.bucket, m.id`,
      [organizationId, id],
    ),
    sqlRows<{
      id: string;
      event_type: string;
      event_key: string;
      status: string;
      received_at: Date | string;
      processed_at: Date | string | null;
      duplicates: number;
      outcome: { summary?: string } | null;
    }>(
      scope.em,
      `select e.id::text as id, e.event_type, e.event_key, e.status, e.received_at, e.processed_at, e.duplicates, e.outcome
         from webhook_event e
        where e.organization_id = $1 and e.connection_id = $2::uuid
          and (e.id in (select webhook_event_id from inventory_movement where order_id = $3::uuid)
               or coalesce(e.outcome -> 'effects', '[]'::jsonb) @> jsonb_build_array(jsonb_build_object('target', 'order ' || $4))
               or (e.event_type like 'order%' and strpos(e.body, $4) > 0))
        order by e.received_at, e.id
        limit 200`,
      [organizationId, row.connection_id, id, row.external_order_id],
    ),
  ]);
  const item = toOrderItem(row);
  const detailLines: OrderLineDetail[] = lines.map((line) => ({
    id: line.id,
    externalProductId: line.external_product_id,
    externalVariantId: line.external_variant_id,
    sku: line.sku,
    quantity: line.quantity,
    unitPrice: line.unit_price === null ? null : Number(line.unit_price),
    effect: line.effect,
    committedQuantity: line.committed_quantity,
    oversoldQuantity: line.oversold_quantity,
    restockedQuantity: line.restocked_quantity,
    variant:
      line.variant_id && line.product_id
        ? {
            id: line.variant_id,
            productId: line.product_id,
            sku: line.variant_sku ?? "",
            productTitle: line.product_title ?? "",
            options: line.options ?? {},
          }
        : null,
    listingId: line.listing_id,
  }));
  const tracking = row.raw?.trackingNumber;
  return {
    ...item,
    fulfilledByPlatform: row.fulfilled_by_platform,
    trackingNumber: typeof tracking === "string" && tracking ? tracking : null,
    lines: detailLines,
    movements: movements.map((m) => ({
      id: m.id,
      at: date(m.at),
      lineId: m.source_kind === "order_line" ? m.source_ref : null,
      variantSku: m.variant_sku,
      bucket: m.bucket,
      delta: m.delta,
      before: m.before,
      after: m.after,
      reason: m.reason,
      webhookEventId: m.webhook_event_id,
      actorName: m.actor_name,
    })),
    webhookEvents: events.map((e) => ({
      id: e.id,
      eventType: e.event_type,
      eventKey: e.event_key,
      status: e.status,
      receivedAt: date(e.received_at),
      processedAt: dateOrNull(e.processed_at),
      duplicates: e.duplicates,
      summary: e.outcome?.summary ?? null,
    })),
    statusHistory: (row.status_history ?? []).map(toStatusChange),
    returnPending:
      item.phase === "returned" && !row.fulfilled_by_platform && detailLines.some((line) => line.effect === "shipped"),
  };
}
