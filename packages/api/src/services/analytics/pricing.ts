import { sqlRows, type EntityManager, type ListingPriceRule } from "@syncstore/db";
import { formatListingPriceRule, listingPrice } from "@syncstore/domain";
import { organizationOf } from "../sql";
import { exchangeRatesOf, shopsOf, type AnalyticsFilter } from "./range";

/**
 * The margin below which a variant is flagged when the organization has not set one in Settings
 * (`organization.margin_threshold_bps`, Settings → Organization).
 */
export const DEFAULT_MARGIN_THRESHOLD = 0.2;

/** The organization's margin threshold (a fraction) and where it comes from. */
export async function marginThresholdOf(
  em: EntityManager,
  organizationId: string,
): Promise<{ threshold: number; source: "settings" | "default" }> {
  const [row] = await sqlRows<{ bps: number | null }>(
    em,
    `select margin_threshold_bps as bps from organization where id = $1`,
    [organizationId],
  );
  return row?.bps === null || row?.bps === undefined
    ? { threshold: DEFAULT_MARGIN_THRESHOLD, source: "default" }
    : { threshold: row.bps / 10_000, source: "settings" };
}

export interface PricingInconsistency {
  variantId: string;
  sku: string;
  title: string;
  shopId: string;
  shopName: string;
  masterPrice: number;
  rule: string;
  /** What the listing's rule gives from the master price. */
  expectedPrice: number | null;
  /** What the shop shows (its last reported price). */
  shownPrice: number | null;
  difference: number | null;
}

export interface PricingAnalysis {
  currency: string;
  distribution: {
    category: string;
    count: number;
    min: number;
    p25: number;
    median: number;
    p75: number;
    max: number;
  }[];
  inconsistencies: PricingInconsistency[];
  belowCost: { variantId: string; sku: string; title: string; price: number; cost: number }[];
  lowMargin: { variantId: string; sku: string; title: string; price: number; cost: number; margin: number }[];
  /** A fraction (0.2 = 20 %): Settings → Organization, or the default when none is set. */
  marginThreshold: number;
  marginThresholdSource: "settings" | "default";
  freshness: { pricesAt: string };
}

/**
 * Price distribution per category, the same variant priced inconsistently across shops beyond
 * what each listing's channel rule explains, prices below cost and margins under the threshold.
 */
export async function pricingAnalysis(em: EntityManager, filter: AnalyticsFilter): Promise<PricingAnalysis> {
  const organizationId = organizationOf(em);
  const [shops, rates, margin] = await Promise.all([
    shopsOf(em, filter),
    exchangeRatesOf(em),
    marginThresholdOf(em, organizationId),
  ]);
  const ids = shops.map((shop) => shop.id);
  const distribution = await sqlRows<{
    category: string;
    count: number;
    min: number;
    p25: number;
    median: number;
    p75: number;
    max: number;
  }>(
    em,
    // percentile_disc over a histogram: the variants counted per (product, price) straight off the
    // (organization, product, price) index, then per (category, price), so the catalog join and the
    // sort see a few rows per product and per distinct price instead of every variant (100k variants:
    // 266 → 85 ms). A percentile f is the first price whose running count reaches f × the count, as
    // percentile_disc defines it.
    `with by_product as (
       select product_id, price, count(*) as n from variant where organization_id = $1 group by product_id, price)
     , histogram as (
       select coalesce(c.name, 'Uncategorised') as category, b.price, sum(b.n) as n
         from by_product b join product p on p.id = b.product_id left join category c on c.id = p.category_id
        where p.status <> 'archived' group by 1, 2)
     , running as (
       select category, price, sum(n) over (partition by category order by price) as upto,
              sum(n) over (partition by category) as total
         from histogram)
     select category, max(total)::int as count, min(price)::float8 as min,
            min(price) filter (where upto >= 0.25 * total)::float8 as p25,
            min(price) filter (where upto >= 0.5 * total)::float8 as median,
            min(price) filter (where upto >= 0.75 * total)::float8 as p75, max(price)::float8 as max
       from running group by category order by count desc, category limit 30`,
    [organizationId],
  );
  // Only a variant with a listing whose rule or shown price can differ from the master price can be
  // inconsistent: without a rule the expected price is the master price, so a listing without a rule
  // whose shop shows the master price (or nothing yet) explains nothing. Those variants are found
  // first, in one pass over the listings; the rows of the ones listed in two shops or more are then
  // read per variant. Reading every listed variant's rows first (sorted by SKU, the first 20,000) was
  // 1.2-2 s at 100k variants listed on two shops, all consistent; the pass is 0.1-0.25 s.
  const suspects = await sqlRows<{ variant_id: string }>(
    em,
    `select distinct l.variant_id from listing l join variant v on v.id = l.variant_id
      where l.organization_id = $1 and l.enabled and l.connection_id = any($2::uuid[]) and l.variant_id is not null
        -- Implied by the next line; lets the scan drop the listings before the variant join.
        and (l.price_rule is not null or l.channel_state ->> 'price' is not null or l.last_synced ->> 'price' is not null)
        and (l.price_rule is not null
             or coalesce((l.channel_state ->> 'price')::float8, (l.last_synced ->> 'price')::float8) <> v.price::float8)`,
    [organizationId, ids],
  );
  const listed =
    suspects.length === 0
      ? []
      : await sqlRows<{
          variant_id: string;
          sku: string;
          title: string;
          price: number;
          connection_id: string;
          shop_name: string;
          price_rule: ListingPriceRule | null;
          shown: number | null;
        }>(
          em,
          `select v.id::text as variant_id, v.sku, p.title, v.price::float8 as price, l.connection_id::text, c.name as shop_name, l.price_rule,
                  coalesce((l.channel_state ->> 'price')::float8, (l.last_synced ->> 'price')::float8) as shown
             from listing l join variant v on v.id = l.variant_id join product p on p.id = v.product_id
             join channel_connection c on c.id = l.connection_id
            where l.organization_id = $1 and l.enabled and l.connection_id = any($2::uuid[])
              and l.variant_id in (select variant_id from listing
                                    where organization_id = $1 and enabled and connection_id = any($2::uuid[])
                                      and variant_id = any($3::uuid[])
                                    group by variant_id having count(distinct connection_id) > 1)
            order by v.sku, c.name limit 20000`,
          [organizationId, ids, suspects.map((row) => row.variant_id)],
        );
  const byVariant = new Map<string, PricingInconsistency[]>();
  for (const row of listed) {
    const expected = listingPrice(row.price, row.price_rule, rates.base);
    const entry: PricingInconsistency = {
      variantId: row.variant_id,
      sku: row.sku,
      title: row.title,
      shopId: row.connection_id,
      shopName: row.shop_name,
      masterPrice: row.price,
      rule: formatListingPriceRule(row.price_rule, rates.base) || "Master price",
      expectedPrice: expected,
      shownPrice: row.shown,
      difference: expected === null || row.shown === null ? null : row.shown - expected,
    };
    byVariant.set(row.variant_id, [...(byVariant.get(row.variant_id) ?? []), entry]);
  }
  const inconsistencies = [...byVariant.values()]
    .filter((rows) => rows.some((row) => row.difference !== null && row.difference !== 0))
    .flat()
    .slice(0, 2000);
  const costed = await sqlRows<{ variant_id: string; sku: string; title: string; price: number; cost: number }>(
    em,
    `select v.id::text as variant_id, v.sku, p.title, v.price::float8 as price, v.cost::float8 as cost
       from variant v join product p on p.id = v.product_id
      where v.organization_id = $1 and v.cost is not null and p.status <> 'archived'
        and (v.price < v.cost or v.price = 0 or (v.price - v.cost)::float8 / v.price < $2)
        -- Implied by the line above (prices are whole minor units), and the range of the
        -- variant_margin_index: the scan reads the flagged variants only, not the catalog.
        and (v.price - v.cost)::float8 / greatest(v.price, 1) <= greatest($2::float8, 0)
      order by (v.price - v.cost)::float8 / greatest(v.price, 1) limit 2000`,
    [organizationId, margin.threshold],
  );
  return {
    currency: rates.base,
    distribution,
    inconsistencies,
    belowCost: costed
      .filter((row) => row.price < row.cost)
      .map((row) => ({ variantId: row.variant_id, sku: row.sku, title: row.title, price: row.price, cost: row.cost })),
    lowMargin: costed
      .filter((row) => row.price >= row.cost && row.price > 0)
      .map((row) => ({
        variantId: row.variant_id,
        sku: row.sku,
        title: row.title,
        price: row.price,
        cost: row.cost,
        margin: (row.price - row.cost) / row.price,
      })),
    marginThreshold: margin.threshold,
    marginThresholdSource: margin.source,
    freshness: { pricesAt: new Date().toISOString() },
  };
}
