import { DomainError } from "@syncstore/domain";
import type { EntityManager } from "@syncstore/db";
import { DEFAULT_LOW_STOCK_THRESHOLD } from "@syncstore/services";
import { likeContains, sqlRows } from "../sql";

export const stockFilters = ["all", "low", "out", "oversold", "drift"] as const;
export type StockFilter = (typeof stockFilters)[number];

export interface StockQuery {
  stock?: StockFilter | undefined;
  /** Only variants listed on this shop. */
  connectionId?: string | undefined;
  /** SKU or product title. */
  search?: string | undefined;
}

export interface StockPage extends StockQuery {
  /** Keyset: the SKU of the last row of the previous block (fast at any depth). */
  cursor?: string | undefined;
  /** When the grid jumps to a block whose predecessor it has not read (scrollbar drag). */
  offset?: number | undefined;
  limit: number;
}

export interface ShopStock {
  listingId: string;
  connectionId: string;
  /** What we last pushed (the listing's last synced stock); null before the first push. */
  pushed: number | null;
  /** What the shop last reported (webhook, reconciliation, import); null when unknown. */
  reported: number | null;
  /** Both are known and differ. */
  drift: boolean;
  syncState: string;
}

export interface StockRowItem {
  variantId: string;
  productId: string;
  sku: string;
  productTitle: string;
  options: Record<string, string>;
  onHand: number;
  committed: number;
  promotionReserved: number;
  unavailable: number;
  available: number;
  lowStockThreshold: number;
  /** Units of open order lines that did not fit (oversold). */
  oversold: number;
  /** Units sold in the last 30 days (orders not cancelled). */
  sold30d: number;
  /** Available ÷ average daily sales of the last 30 days; null without sales. */
  daysOfCover: number | null;
  shops: ShopStock[];
}

interface RawRow extends Omit<StockRowItem, "daysOfCover" | "shops"> {
  shops: ShopStock[];
}

/** The WHERE clause of a stock query (`$1` is the organization) and its parameters after `$1`. */
export function stockWhere(query: StockQuery, params: unknown[]): string {
  const where = ["v.organization_id = $1"];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  switch (query.stock ?? "all") {
    case "low":
      where.push(`coalesce(s.available, 0) > 0 and coalesce(s.available, 0) <= ${thresholdSql}`);
      break;
    case "out":
      where.push(`coalesce(s.available, 0) <= 0`);
      break;
    case "oversold":
      where.push(`v.id in (select ol.variant_id from channel_order_line ol
                             where ol.organization_id = $1 and ol.oversold_quantity > 0)`);
      break;
    case "drift":
      where.push(`v.id in (select dl.variant_id from listing dl
                             where dl.organization_id = $1 and dl.variant_id is not null
                               and dl.channel_state ? 'stock' and dl.last_synced ? 'stock'
                               and dl.channel_state -> 'stock' <> dl.last_synced -> 'stock')`);
      break;
    case "all":
      break;
  }
  if (query.connectionId)
    where.push(`v.id in (select cl.variant_id from listing cl
                          where cl.organization_id = $1 and cl.connection_id = ${add(query.connectionId)}::uuid)`);
  const search = query.search?.trim();
  if (search) {
    const like = add(likeContains(search.toLowerCase()));
    where.push(`(lower(v.sku) like ${like} or lower(p.title) like ${like})`);
  }
  return where.join(" and ");
}

const thresholdSql = `coalesce(vs.low_stock_threshold, i.low_stock_threshold, ${DEFAULT_LOW_STOCK_THRESHOLD})`;

export const stockFrom = `variant v
  join product p on p.id = v.product_id
  left join stock_level s on s.variant_id = v.id
  left join variant_stock_setting vs on vs.variant_id = v.id
  left join inventory_settings i on i.organization_id = v.organization_id`;

const baseColumns = `v.id::text as "variantId", p.id::text as "productId", v.sku, p.title as "productTitle", v.options,
  coalesce(s.on_hand, 0)::int as "onHand", coalesce(s.committed, 0)::int as committed,
  coalesce(s.promotion_reserved, 0)::int as "promotionReserved", coalesce(s.unavailable, 0)::int as unavailable,
  coalesce(s.available, 0)::int as available, ${thresholdSql}::int as "lowStockThreshold"`;

/** Per page row: oversold units, 30-day sales and the shops (only for the rows of the block). */
const detailColumns = `page.*,
  (select coalesce(sum(ol.oversold_quantity), 0)::int from channel_order_line ol
    where ol.organization_id = $1 and ol.variant_id = page."variantId"::uuid and ol.oversold_quantity > 0) as oversold,
  (select coalesce(sum(ol.quantity), 0)::int from channel_order_line ol join channel_order o on o.id = ol.order_id
    where ol.organization_id = $1 and ol.variant_id = page."variantId"::uuid
      and o.placed_at >= now() - interval '30 days' and o.status <> 'cancelled') as "sold30d",
  coalesce((select jsonb_agg(jsonb_build_object(
             'listingId', l.id, 'connectionId', l.connection_id,
             'pushed', (l.last_synced ->> 'stock')::int, 'reported', (l.channel_state ->> 'stock')::int,
             'syncState', l.sync_state) order by l.connection_id)
       from listing l where l.organization_id = $1 and l.variant_id = page."variantId"::uuid), '[]'::jsonb) as shops`;

export function toStockItem(row: RawRow): StockRowItem {
  const perDay = row.sold30d / 30;
  return {
    ...row,
    options: row.options ?? {},
    daysOfCover: perDay > 0 ? Math.round((Math.max(0, row.available) / perDay) * 10) / 10 : null,
    shops: row.shops.map((shop) => ({
      ...shop,
      drift: shop.pushed !== null && shop.reported !== null && shop.pushed !== shop.reported,
    })),
  };
}

/** The SQL of a stock query in SKU order (for the export's cursor and the grid's blocks). */
export function stockSql(organizationId: string, query: StockPage | StockQuery, paged: boolean) {
  const params: unknown[] = [organizationId];
  const where = [stockWhere(query, params)];
  let tail = "";
  if (paged) {
    const page = query as StockPage;
    if (page.cursor !== undefined) {
      params.push(page.cursor);
      where.push(`v.sku > $${params.length}`);
    }
    params.push(page.limit);
    tail = ` limit $${params.length}`;
    if (page.cursor === undefined && page.offset) {
      params.push(page.offset);
      tail += ` offset $${params.length}`;
    }
  }
  const page = `select ${baseColumns} from ${stockFrom} where ${where.join(" and ")} order by v.sku${tail}`;
  return { sql: `with page as (${page}) select ${detailColumns} from page order by page.sku`, params };
}

/**
 * One block of the Inventory grid, in SKU order: keyset after `cursor` (the unique
 * `(organization_id, sku)` index), or `offset` when the grid jumps; the per-shop numbers, sales and
 * oversold units are read for the block's rows only, so a block costs the same at 100,000 variants.
 * The total is counted for the first block only.
 */
export async function listStock(
  em: EntityManager,
  organizationId: string,
  page: StockPage,
): Promise<{ rows: StockRowItem[]; nextCursor: string | null; total: number | null }> {
  if (page.connectionId) await requireConnection(em, organizationId, page.connectionId);
  const { sql, params } = stockSql(organizationId, page, true);
  const rows = (await sqlRows<RawRow>(em, sql, params)).map(toStockItem);
  let total: number | null = null;
  if (page.cursor === undefined && !page.offset) {
    if (rows.length < page.limit) total = rows.length;
    else {
      const countParams: unknown[] = [organizationId];
      const where = stockWhere(page, countParams);
      const [row] = await sqlRows<{ total: number }>(
        em,
        `select count(*)::int as total from ${stockFrom} where ${where}`,
        countParams,
      );
      total = row?.total ?? 0;
    }
  }
  return { rows, nextCursor: rows.length === page.limit ? (rows.at(-1)?.sku ?? null) : null, total };
}

/** The rows of some variants (live updates refresh only these). */
export async function stockRowsOf(
  em: EntityManager,
  organizationId: string,
  variantIds: readonly string[],
): Promise<StockRowItem[]> {
  if (variantIds.length === 0) return [];
  const page = `select ${baseColumns} from ${stockFrom} where v.organization_id = $1 and v.id = any($2::uuid[])`;
  const rows = await sqlRows<RawRow>(em, `with page as (${page}) select ${detailColumns} from page order by page.sku`, [
    organizationId,
    variantIds,
  ]);
  return rows.map(toStockItem);
}

export async function requireConnection(em: EntityManager, organizationId: string, connectionId: string) {
  const [row] = await sqlRows<{ id: string; name: string; platform: string }>(
    em,
    `select id::text as id, name, platform from channel_connection where organization_id = $1 and id = $2`,
    [organizationId, connectionId],
  );
  if (!row) throw new DomainError("NOT_FOUND", `Shop ${connectionId} does not exist in this organization`);
  return row;
}

/** The organization's shops, for the grid's per-shop columns and the shop filter. */
export async function listStockShops(em: EntityManager, organizationId: string) {
  return sqlRows<{ id: string; name: string; platform: string }>(
    em,
    `select id::text as id, name, platform from channel_connection where organization_id = $1 order by name, id`,
    [organizationId],
  );
}
