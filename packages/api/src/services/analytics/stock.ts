import { sqlRows, type EntityManager } from "@syncstore/db";
import { abcClasses, daysOfCover, OVERSTOCK_DAYS, sellThrough, type AbcClass } from "@syncstore/domain";
import { organizationOf } from "../sql";
import {
  converter,
  exchangeRatesOf,
  ON_DEMAND_READ,
  periodsOf,
  readWith,
  rollupFreshness,
  salesPeriodOf,
  shopsOf,
  type AnalyticsFilter,
  type SalesPeriodKey,
} from "./range";

export interface StockHealthRow {
  variantId: string;
  sku: string;
  title: string;
  available: number;
  unitsSold: number;
  revenue: number;
  sellThrough: number | null;
  daysOfCover: number | null;
  abc: AbcClass;
  outOfStock: boolean;
  overstock: boolean;
}

export interface StockHealth {
  currency: string;
  /** The first 100 ranked rows of each of the page's lists (see `STOCK_SHOWN_ROWS`), in ranking order. */
  rows: StockHealthRow[];
  /** Counted over all the ranked variants (up to 5000), not only the rows sent. */
  summary: { A: number; B: number; C: number; outOfStock: number; overstock: number; oversold: number };
  freshness: { stockAt: string; rolledUpAt: string | null };
}

/**
 * The section ranks at most this many variants, most units sold first (then by SKU): the summary's
 * counts and the ABC classes are over these.
 */
const STOCK_ROWS = 5000;

/**
 * The section's table (and its CSV) shows the first 100 rows of one list at a time: all variants,
 * class A, B or C, out of stock or overstock. Only those rows are sent: the first 100 of each list
 * in the ranking's order (at most 600, usually far fewer as the lists overlap). The page filters them
 * the same way and gets the same 100 rows it got from the 5000 (1.1 MB of JSON at 100k variants).
 */
export const STOCK_SHOWN_ROWS = 100;
const stockLists: ((row: StockHealthRow) => boolean)[] = [
  () => true,
  (row) => row.abc === "A",
  (row) => row.abc === "B",
  (row) => row.abc === "C",
  (row) => row.outOfStock,
  (row) => row.overstock,
];

/** The rows any of the page's lists shows, in the ranking's order. */
export function shownStockRows(rows: StockHealthRow[]): StockHealthRow[] {
  const shown = new Set<StockHealthRow>();
  for (const inList of stockLists) {
    let count = 0;
    for (const row of rows) {
      if (count >= STOCK_SHOWN_ROWS) break;
      if (inList(row)) {
        shown.add(row);
        count++;
      }
    }
  }
  return rows.filter((row) => shown.has(row));
}

interface RankedVariant {
  variant_id: string;
  sku: string;
  title: string;
  available: number;
  units: number;
  revenues: { currency: string; revenue: number }[] | null;
}

const variantColumns = `v.id::text as variant_id, v.sku, p.title,
  greatest(0, coalesce(sl.on_hand, 0) - coalesce(sl.reserved, 0))::int as available`;

/**
 * Any range: sums the period's `sales_daily` rows per variant. Without a single row in the period
 * (a merchant who just connected their shops) every variant has 0 units, so the ranking is the
 * catalog by SKU: the first 5000 straight off the (organization, sku) index instead of sorting every
 * variant (100k variants: 300-500 ms → 70-100 ms).
 */
async function rankedOnDemand(em: EntityManager, params: [string, string[], string, string]): Promise<RankedVariant[]> {
  const anySale = await sqlRows<{ one: number }>(
    em,
    `select 1 as one from sales_daily where organization_id = $1 and connection_id = any($2::uuid[])
        and day >= $3::date and day < $4::date and variant_id is not null limit 1`,
    params,
  );
  if (anySale.length === 0) {
    return sqlRows<RankedVariant>(
      em,
      `select ${variantColumns}, 0 as units, null::jsonb as revenues
         from variant v join product p on p.id = v.product_id
         left join stock_level sl on sl.variant_id = v.id
        where v.organization_id = $1 and p.status <> 'archived'
        order by v.sku limit ${STOCK_ROWS}`,
      [params[0]],
    );
  }
  return readWith(em, ON_DEMAND_READ, (tx) =>
    sqlRows<RankedVariant>(
      tx,
      `select ${variantColumns}, coalesce(s.units, 0)::int as units, s.revenues
       from variant v join product p on p.id = v.product_id
       left join stock_level sl on sl.variant_id = v.id
       left join (select variant_id, sum(units) as units,
                         jsonb_agg(jsonb_build_object('currency', currency, 'revenue', revenue)) as revenues
                    from (select variant_id, currency, sum(valid_units) as units, sum(revenue) as revenue
                            from sales_daily where organization_id = $1 and connection_id = any($2::uuid[])
                             and day >= $3::date and day < $4::date and variant_id is not null
                           group by variant_id, currency) by_currency
                   group by variant_id) s on s.variant_id = v.id
      where v.organization_id = $1 and p.status <> 'archived'
      order by coalesce(s.units, 0) desc, v.sku limit ${STOCK_ROWS}`,
      params,
    ),
  );
}

/**
 * A preset range: the same rows from `sales_period_variant`: the sold variants in the page's order
 * straight off its (organization, period, scope, units desc, sku) index, then, if fewer than 5000
 * sold, the unsold variants by SKU, as the on-demand order.
 *
 * Each listed row looks up its variant, product and stock: 5000 nested-loop lookups, answered from
 * the covering `variant_listing_index` and `product_listing_index` (no heap visits). The planner,
 * not knowing the limit stops the walk early, would run this walk in parallel workers; on a busy
 * server that doubled the time (bench:reports, 100k variants: 80-200 ms in parallel, 50 ms serial),
 * so the statement runs with parallel workers off.
 */
async function rankedFromPeriod(
  em: EntityManager,
  organizationId: string,
  period: SalesPeriodKey,
): Promise<RankedVariant[]> {
  const sold = await readWith(em, { max_parallel_workers_per_gather: "0" }, (tx) =>
    sqlRows<RankedVariant>(
      tx,
      `select ${variantColumns}, s.units, s.revenues
       from sales_period_variant s join variant v on v.id = s.variant_id join product p on p.id = v.product_id
       left join stock_level sl on sl.variant_id = v.id
      where s.organization_id = $1 and s.period_days = $2 and s.scope = $4 and s.units > 0 and p.status <> 'archived'
      order by s.units desc, s.sku limit $3`,
      [organizationId, period.days, STOCK_ROWS, period.scope],
    ),
  );
  if (sold.length >= STOCK_ROWS) return sold;
  const unsold = await sqlRows<RankedVariant>(
    em,
    `select ${variantColumns}, 0 as units, null::jsonb as revenues
       from variant v join product p on p.id = v.product_id
       left join stock_level sl on sl.variant_id = v.id
      where v.organization_id = $1 and p.status <> 'archived'
        and not exists (select 1 from sales_period_variant s
                         where s.organization_id = $1 and s.period_days = $2 and s.scope = $4 and s.variant_id = v.id
                           and s.units > 0)
      order by v.sku limit $3`,
    [organizationId, period.days, STOCK_ROWS - sold.length, period.scope],
  );
  return [...sold, ...unsold];
}

export async function stockHealth(em: EntityManager, filter: AnalyticsFilter): Promise<StockHealth> {
  const organizationId = organizationOf(em);
  const { current } = periodsOf(filter);
  const [shops, rates] = await Promise.all([shopsOf(em, filter), exchangeRatesOf(em)]);
  const ids = shops.map((shop) => shop.id);
  const period = await salesPeriodOf(em, current, ids);
  const rows =
    period === null
      ? await rankedOnDemand(em, [organizationId, ids, current.from, current.to])
      : await rankedFromPeriod(em, organizationId, period);
  const money = converter(rates);
  const base = rows.map((row) => ({
    ...row,
    revenue: (row.revenues ?? []).reduce((sum, r) => sum + money.convert(Number(r.revenue), r.currency), 0),
  }));
  const classes = abcClasses(base.map((row) => ({ key: row.variant_id, revenue: row.revenue })));
  const result: StockHealthRow[] = base.map((row) => {
    const cover = daysOfCover(row.available, row.units, current.days);
    return {
      variantId: row.variant_id,
      sku: row.sku,
      title: row.title,
      available: row.available,
      unitsSold: row.units,
      revenue: row.revenue,
      sellThrough: sellThrough(row.units, row.available),
      daysOfCover: cover,
      abc: classes.get(row.variant_id) ?? "C",
      outOfStock: row.available <= 0,
      overstock: row.available > 0 && (cover === null || cover > OVERSTOCK_DAYS),
    };
  });
  const [oversold] = await sqlRows<{ n: number }>(
    em,
    `select coalesce(sum(oversold), 0)::int as n from sync_health_hourly
      where organization_id = $1 and connection_id = any($2::uuid[]) and hour >= $3::date and hour < $4::date`,
    [organizationId, ids, current.from, current.to],
  );
  return {
    currency: rates.base,
    rows: shownStockRows(result),
    summary: {
      A: result.filter((r) => r.abc === "A").length,
      B: result.filter((r) => r.abc === "B").length,
      C: result.filter((r) => r.abc === "C").length,
      outOfStock: result.filter((r) => r.outOfStock).length,
      overstock: result.filter((r) => r.overstock).length,
      oversold: oversold?.n ?? 0,
    },
    freshness: { stockAt: new Date().toISOString(), rolledUpAt: await rollupFreshness(em, "sales") },
  };
}
