import { DomainError, orderPhase, statusesOfPhase, type OrderPhase, type OrderPlatform } from "@syncstore/domain";
import { likeContains, sqlRows } from "../sql";
import type { OrgScope } from "../scope";

/** The Orders page's filters; the CSV export takes the same ones. */
export interface OrderFilters {
  connectionId?: string | undefined;
  phase?: OrderPhase | undefined;
  /** Placed at or after. */
  from?: Date | undefined;
  /** Placed before. */
  to?: Date | undefined;
  /** A line's marketplace SKU or matched master SKU contains it. */
  sku?: string | undefined;
  /** Order number (exact) on either platform. */
  search?: string | undefined;
  oversold?: boolean | undefined;
  unmatched?: boolean | undefined;
}

export interface OrderListItem {
  id: string;
  externalOrderId: string;
  platform: OrderPlatform;
  connection: { id: string; name: string };
  platformStatus: string | null;
  phase: OrderPhase;
  currency: string | null;
  /** Minor units of `currency`. */
  total: number | null;
  placedAt: Date | null;
  paidAt: Date | null;
  cancelledBy: string | null;
  cancelReason: string | null;
  lineCount: number;
  units: number;
  oversoldUnits: number;
  unmatchedLines: number;
  /** The first lines' SKUs, for the list. */
  skus: string[];
}

export interface OrderRow {
  id: string;
  external_order_id: string;
  platform: OrderPlatform;
  connection_id: string;
  connection_name: string;
  platform_status: string | null;
  currency: string | null;
  total: string | number | null;
  placed_at: Date | string | null;
  paid_at: Date | string | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  sort_text: string;
  created_text: string;
  lines: number;
  units: number;
  oversold_units: number;
  unmatched_lines: number;
  skus: string[] | null;
}

export const orderColumns = `o.id::text as id, o.external_order_id, c.platform, c.id::text as connection_id,
  c.name as connection_name, o.platform_status, o.currency, o.total, o.placed_at, o.paid_at, o.cancelled_by,
  o.cancel_reason, coalesce(o.placed_at, o.created_at)::text as sort_text, o.created_at::text as created_text,
  coalesce(s.lines, 0)::int as lines, coalesce(s.units, 0)::int as units,
  coalesce(s.oversold_units, 0)::int as oversold_units, coalesce(s.unmatched_lines, 0)::int as unmatched_lines,
  s.skus`;

export const orderFrom = `channel_order o
  join channel_connection c on c.id = o.connection_id
  left join lateral (
    select count(*) as lines, sum(l.quantity) as units, sum(l.oversold_quantity) as oversold_units,
           count(*) filter (where l.variant_id is null) as unmatched_lines,
           (array_agg(coalesce(v.sku, l.sku) order by l.id) filter (where coalesce(v.sku, l.sku) is not null))[1:3] as skus
      from channel_order_line l left join variant v on v.id = l.variant_id
     where l.order_id = o.id
  ) s on true`;

const date = (value: Date | string) => (value instanceof Date ? value : new Date(value));
const dateOrNull = (value: Date | string | null) => (value === null ? null : date(value));

export function toOrderItem(row: OrderRow): OrderListItem {
  return {
    id: row.id,
    externalOrderId: row.external_order_id,
    platform: row.platform,
    connection: { id: row.connection_id, name: row.connection_name },
    platformStatus: row.platform_status,
    phase: orderPhase(row.platform, row.platform_status),
    currency: row.currency,
    total: row.total === null ? null : Number(row.total),
    placedAt: dateOrNull(row.placed_at),
    paidAt: dateOrNull(row.paid_at),
    cancelledBy: row.cancelled_by,
    cancelReason: row.cancel_reason,
    lineCount: row.lines,
    units: row.units,
    oversoldUnits: row.oversold_units,
    unmatchedLines: row.unmatched_lines,
    skus: row.skus ?? [],
  };
}

/** `where` clauses and parameters for the filters, organization first (`$1`). */
export function orderWhere(organizationId: string, filters: OrderFilters): { where: string[]; params: unknown[] } {
  const where = ["o.organization_id = $1"];
  const params: unknown[] = [organizationId];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (filters.connectionId) add((n) => `o.connection_id = $${n}::uuid`, filters.connectionId);
  if (filters.from) add((n) => `coalesce(o.placed_at, o.created_at) >= $${n}`, filters.from);
  if (filters.to) add((n) => `coalesce(o.placed_at, o.created_at) < $${n}`, filters.to);
  if (filters.search) add((n) => `o.external_order_id = $${n}`, filters.search.trim());
  if (filters.sku)
    add(
      (n) => `exists (select 1 from channel_order_line l left join variant v on v.id = l.variant_id
                       where l.order_id = o.id and (l.sku ilike $${n} or v.sku ilike $${n}))`,
      likeContains(filters.sku.trim()),
    );
  if (filters.oversold)
    where.push(`exists (select 1 from channel_order_line l where l.order_id = o.id and l.oversold_quantity > 0)`);
  if (filters.unmatched)
    where.push(`exists (select 1 from channel_order_line l where l.order_id = o.id and l.variant_id is null)`);
  if (filters.phase) {
    const parts: string[] = [];
    for (const platform of ["shopee", "tiktok"] as const) {
      const { statuses, exclude } = statusesOfPhase(platform, filters.phase);
      params.push(statuses);
      const n = params.length;
      parts.push(
        exclude
          ? `(c.platform = '${platform}' and (o.platform_status is null or upper(o.platform_status) <> all($${n}::text[])))`
          : `(c.platform = '${platform}' and upper(o.platform_status) = any($${n}::text[]))`,
      );
    }
    where.push(`(${parts.join(" or ")})`);
  }
  return { where, params };
}

/**
 * Cursor = (placed time, stored time, id) of the last row seen: stable while new orders keep
 * arriving. Platforms give creation times to the second; orders of the same second keep the order
 * they reached us in. Microseconds matter for the stored time, so it travels as text.
 */
function encodeCursor(row: OrderRow): string {
  return Buffer.from(`${row.sort_text}|${row.created_text}|${row.id}`).toString("base64url");
}

const timestampText = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

function decodeCursor(cursor: string): { at: string; stored: string; id: string } {
  const [at, stored, id] = Buffer.from(cursor, "base64url").toString().split("|");
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || !at || !stored || !timestampText.test(at) || !timestampText.test(stored))
    throw new DomainError("INVALID", "The page cursor is malformed; reload the list");
  return { at, stored, id };
}

/** Orders of every shop of the organization, newest first, filtered on the server, a page at a time. */
export async function listOrders(
  scope: OrgScope,
  query: OrderFilters & { cursor?: string | undefined; limit: number },
): Promise<{ items: OrderListItem[]; nextCursor: string | null }> {
  const { where, params } = orderWhere(scope.actor.organizationId, query);
  if (query.cursor) {
    const { at, stored, id } = decodeCursor(query.cursor);
    params.push(at, stored, id);
    const n = params.length;
    where.push(
      `(coalesce(o.placed_at, o.created_at), o.created_at, o.id) < ($${n - 2}::timestamptz, $${n - 1}::timestamptz, $${n}::uuid)`,
    );
  }
  params.push(query.limit + 1);
  const rows = await sqlRows<OrderRow>(
    scope.em,
    `select ${orderColumns} from ${orderFrom}
      where ${where.join(" and ")}
      order by coalesce(o.placed_at, o.created_at) desc, o.created_at desc, o.id desc
      limit $${params.length}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toOrderItem),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}

/** Counts for the filter bar's badges: orders with oversold lines, with unmatched lines. */
export async function orderCounts(scope: OrgScope): Promise<{ oversold: number; unmatched: number }> {
  const [row] = await sqlRows<{ oversold: number; unmatched: number }>(
    scope.em,
    `select count(distinct l.order_id) filter (where l.oversold_quantity > 0)::int as oversold,
            count(distinct l.order_id) filter (where l.variant_id is null)::int as unmatched
       from channel_order_line l where l.organization_id = $1`,
    [scope.actor.organizationId],
  );
  return { oversold: row?.oversold ?? 0, unmatched: row?.unmatched ?? 0 };
}
