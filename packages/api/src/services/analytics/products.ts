import { sqlRows, type EntityManager } from "@syncstore/db";
import { ratio } from "@syncstore/domain";
import { organizationOf } from "../sql";
import {
  converter,
  exchangeRatesOf,
  ON_DEMAND_READ,
  periodsOf,
  readWith,
  salesPeriodOf,
  shopsOf,
  type AnalyticsFilter,
  type SalesPeriodKey,
} from "./range";

export interface ProductPerformanceRow {
  productId: string;
  title: string;
  /** Minor units of the organization's currency. */
  revenue: number;
  units: number;
  pageViews: number;
  impressions: number;
  /** Page views ÷ impressions (null without impressions). */
  clickThroughRate: number | null;
  /** Units sold ÷ page views (null without page views). */
  conversion: number | null;
  /** Some of the views are Shopee figures derived from snapshot differences. */
  derived: boolean;
}

export interface ProductPerformance {
  currency: string;
  rows: ProductPerformanceRow[];
  unconverted: string[];
  freshness: { tiktokUpTo: string | null; shopeeUpTo: string | null };
}

/** The page ranks at most this many products (most revenue first, then page views). */
const PRODUCT_ROWS = 500;

interface ProductSales {
  product_id: string;
  title: string;
  currency: string;
  revenue: string;
  units: number;
}

/** Any range: sums the period's `sales_daily` rows per product. */
function salesOnDemand(em: EntityManager, params: unknown[]): Promise<ProductSales[]> {
  return readWith(em, ON_DEMAND_READ, (tx) =>
    sqlRows<ProductSales>(
      tx,
      // Summed per variant first (on uuids, one pass over the period's rows), then joined to the
      // catalog: joining a year of rows to products before grouping by title was 2-3x slower.
      `with by_variant as (
       select s.variant_id, s.currency, sum(s.revenue) as revenue, sum(s.valid_units) as units
         from sales_daily s
        where s.organization_id = $1 and s.connection_id = any($2::uuid[]) and s.day >= $3::date and s.day < $4::date
          and s.variant_id is not null
        group by 1, 2)
     select v.product_id::text, p.title, b.currency, sum(b.revenue)::text as revenue, sum(b.units)::int as units
       from by_variant b join variant v on v.id = b.variant_id join product p on p.id = v.product_id
      group by v.product_id, p.title, b.currency`,
      params,
    ),
  );
}

/**
 * A preset range: the rollup's per-product sums of exactly this period and these shops. When every
 * amount is in the organization's currency (nothing to convert, so the order of the stored revenue
 * is the page's), only products at or above the 500th revenue can be listed: those come off the
 * (organization, period, revenue) index instead of every product that sold.
 */
async function salesFromPeriod(
  em: EntityManager,
  organizationId: string,
  period: SalesPeriodKey,
  base: string,
): Promise<ProductSales[]> {
  const currencies = await sqlRows<{ currency: string }>(
    em,
    `select distinct currency from sales_period_product where organization_id = $1 and period_days = $2 and scope = $3`,
    [organizationId, period.days, period.scope],
  );
  const [floor] = currencies.every((row) => row.currency.toUpperCase() === base.toUpperCase())
    ? await sqlRows<{ revenue: string }>(
        em,
        // (Ordered by the column, not by the text output of the same name.)
        `select s.revenue::text as revenue from sales_period_product s
          where s.organization_id = $1 and s.period_days = $2 and s.scope = $4
          order by s.revenue desc offset $3 limit 1`,
        [organizationId, period.days, PRODUCT_ROWS - 1, period.scope],
      )
    : [];
  return sqlRows<ProductSales>(
    em,
    `select s.product_id::text, p.title, s.currency, s.revenue::text as revenue, s.units
       from sales_period_product s join product p on p.id = s.product_id
      where s.organization_id = $1 and s.period_days = $2 and s.scope = $4 and ($3::bigint is null or s.revenue >= $3::bigint)`,
    [organizationId, period.days, floor?.revenue ?? null, period.scope],
  );
}

/** Per master product: sales from the rollups, traffic from the marketplaces' performance data. */
export async function productPerformance(em: EntityManager, filter: AnalyticsFilter): Promise<ProductPerformance> {
  const { current } = periodsOf(filter);
  const [shops, rates] = await Promise.all([shopsOf(em, filter), exchangeRatesOf(em)]);
  const ids = shops.map((shop) => shop.id);
  const organizationId = organizationOf(em);
  const period = await salesPeriodOf(em, current, ids);
  const sales =
    period === null
      ? await salesOnDemand(em, [organizationId, ids, current.from, current.to])
      : await salesFromPeriod(em, organizationId, period, rates.base);
  const traffic = await sqlRows<{
    product_id: string;
    title: string;
    views: number;
    impressions: number;
    derived: boolean;
  }>(
    em,
    // Driven from the metrics side: the period's rows summed per marketplace product first, then
    // each of those looks up its listings' master products on the (connection, external product,
    // external variant) unique index. Joining every listing of the organization (a distinct over
    // 200k listings at 100k variants, 500-700 ms) did that work even without a single metric row.
    `with traffic as (
       select m.connection_id, m.external_product_id, sum(m.page_views) as views, sum(m.impressions) as impressions,
              bool_or(m.derived) as derived
         from product_metric_daily m
        where m.organization_id = $1 and m.connection_id = any($2::uuid[]) and m.external_variant_id = '' and m.external_product_id <> ''
          and m.date >= $3::date and m.date < $4::date
        group by 1, 2)
     select l.product_id::text, p.title, coalesce(sum(t.views), 0)::int as views, coalesce(sum(t.impressions), 0)::int as impressions,
            bool_or(t.derived) as derived
       from traffic t
       cross join lateral (select distinct product_id from listing
                            where connection_id = t.connection_id and external_product_id = t.external_product_id
                              and organization_id = $1 and product_id is not null) l
       join product p on p.id = l.product_id
      group by 1, 2`,
    [organizationId, ids, current.from, current.to],
  );
  const money = converter(rates);
  const rows = new Map<string, ProductPerformanceRow>();
  const row = (productId: string, title: string) => {
    let entry = rows.get(productId);
    if (!entry) {
      entry = {
        productId,
        title,
        revenue: 0,
        units: 0,
        pageViews: 0,
        impressions: 0,
        clickThroughRate: null,
        conversion: null,
        derived: false,
      };
      rows.set(productId, entry);
    }
    return entry;
  };
  for (const s of sales) {
    const entry = row(s.product_id, s.title);
    entry.revenue += money.convert(Number(s.revenue), s.currency);
    entry.units += s.units;
  }
  for (const t of traffic) {
    const entry = row(t.product_id, t.title);
    entry.pageViews += t.views;
    entry.impressions += t.impressions;
    entry.derived ||= t.derived;
  }
  for (const entry of rows.values()) {
    entry.clickThroughRate = ratio(entry.pageViews, entry.impressions);
    entry.conversion = ratio(entry.units, entry.pageViews);
  }
  const [fresh] = await sqlRows<{ tiktok: string | null; shopee: string | null }>(
    em,
    `select max(p.latest_available_date)::text as tiktok,
            (select max(snapshot_date)::text from item_metric_snapshot where organization_id = $1) as shopee
       from analytics_pull p where p.organization_id = $1`,
    [organizationId],
  );
  return {
    currency: rates.base,
    rows: [...rows.values()].sort((a, b) => b.revenue - a.revenue || b.pageViews - a.pageViews).slice(0, PRODUCT_ROWS),
    unconverted: money.missing(),
    freshness: { tiktokUpTo: fresh?.tiktok ?? null, shopeeUpTo: fresh?.shopee ?? null },
  };
}
