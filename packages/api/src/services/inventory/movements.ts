import { DomainError } from "@syncstore/domain";
import type { EntityManager } from "@syncstore/db";
import { sqlRows } from "../sql";

export interface MovementQuery {
  variantId: string;
  reason?: string | undefined;
  bucket?: "on_hand" | "committed" | "promotion_reserved" | "unavailable" | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Where a movement came from, as a link the page can open. */
export interface MovementSourceLink {
  kind: "order_line" | "webhook_event" | "bulk_operation" | "import" | "user" | "connection" | null;
  ref: string | null;
  /** What to show: the order number, the event type, the operation kind, the user's name. */
  label: string | null;
  orderId: string | null;
  webhookEventId: string | null;
}

export interface MovementItem {
  id: string;
  at: Date;
  bucket: string;
  reason: string;
  delta: number;
  before: number | null;
  after: number | null;
  actorName: string | null;
  source: MovementSourceLink;
}

interface Row {
  id: string;
  at: Date | string;
  bucket: string;
  reason: string;
  delta: number;
  before: number | null;
  after: number | null;
  actorName: string | null;
  sourceKind: MovementSourceLink["kind"];
  sourceRef: string | null;
  orderId: string | null;
  orderNumber: string | null;
  shopName: string | null;
  webhookEventId: string | null;
  eventType: string | null;
  operationKind: string | null;
  refUserName: string | null;
}

function encodeCursor(item: MovementItem): string {
  return Buffer.from(`${item.at.toISOString()}|${item.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const at = new Date(iso ?? "");
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(at.getTime()))
    throw new DomainError("INVALID", "The page cursor is malformed; reload the history");
  return { at, id };
}

function labelOf(row: Row): string | null {
  switch (row.sourceKind) {
    case "order_line":
      return row.orderNumber ? `Order ${row.orderNumber}${row.shopName ? ` (${row.shopName})` : ""}` : "Order line";
    case "webhook_event":
      return row.eventType ? `Webhook ${row.eventType}` : "Webhook event";
    case "bulk_operation":
      return row.operationKind === "inventory.count"
        ? "Stock count import"
        : row.operationKind === "catalog.import"
          ? "Catalog CSV import"
          : "Bulk edit";
    case "import":
      return "Import";
    case "user":
      return row.refUserName ?? "A user";
    case "connection":
      return row.shopName ?? "Shop";
    default:
      return null;
  }
}

/**
 * The stock ledger of one variant (`inventory_movement`), newest first, a page at a time (keyset
 * on (at, id), the (organization_id, variant_id, at) index): reason, bucket, before → after, who
 * and where it came from (order, webhook event, bulk operation / count, import, user).
 */
export async function listMovements(
  em: EntityManager,
  organizationId: string,
  query: MovementQuery,
): Promise<{ items: MovementItem[]; nextCursor: string | null }> {
  const params: unknown[] = [organizationId, query.variantId];
  const where = ["m.organization_id = $1", "m.variant_id = $2"];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.reason) where.push(`m.reason = ${add(query.reason)}`);
  if (query.bucket) where.push(`m.bucket = ${add(query.bucket)}`);
  if (query.from) where.push(`m.at >= ${add(query.from)}`);
  if (query.to) where.push(`m.at < ${add(query.to)}`);
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    where.push(`(m.at, m.id) < (${add(at)}::timestamptz, ${add(id)}::uuid)`);
  }
  const limit = add(query.limit + 1);
  const rows = await sqlRows<Row>(
    em,
    `select m.id::text as id, m.at, m.bucket, m.reason, m.delta, m.before, m.after, u.name as "actorName",
            m.source_kind as "sourceKind", m.source_ref as "sourceRef",
            coalesce(m.order_id, ol.order_id)::text as "orderId", o.external_order_id as "orderNumber", c.name as "shopName",
            m.webhook_event_id::text as "webhookEventId", we.event_type as "eventType",
            b.kind as "operationKind", ru.name as "refUserName"
       from inventory_movement m
       left join "user" u on u.id = m.actor_id
       left join channel_order_line ol
              on m.source_kind = 'order_line' and ol.id::text = m.source_ref and ol.organization_id = m.organization_id
       left join channel_order o on o.id = coalesce(m.order_id, ol.order_id)
       left join channel_connection c
              on c.id = coalesce(o.connection_id, case when m.source_kind = 'connection' and m.source_ref ~ '^[0-9a-f-]{36}$'
                                                   then m.source_ref::uuid end)
       left join webhook_event we on we.id = m.webhook_event_id
       left join bulk_operation b
              on m.source_kind = 'bulk_operation' and b.id::text = m.source_ref and b.organization_id = m.organization_id
       left join "user" ru on m.source_kind = 'user' and ru.id = m.source_ref
      where ${where.join(" and ")}
      order by m.at desc, m.id desc
      limit ${limit}`,
    params,
  );
  const items = rows.slice(0, query.limit).map((row): MovementItem => ({
    id: row.id,
    at: row.at instanceof Date ? row.at : new Date(row.at),
    bucket: row.bucket,
    reason: row.reason,
    delta: row.delta,
    before: row.before,
    after: row.after,
    actorName: row.actorName,
    source: {
      kind: row.sourceKind,
      ref: row.sourceRef,
      label: labelOf(row),
      orderId: row.orderId,
      webhookEventId: row.webhookEventId,
    },
  }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}
