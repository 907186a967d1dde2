import { type EntityManager, salesPeriodPresets, sqlRows } from "@syncstore/db";

/**
 * `sales_period_variant` and `sales_period_product`: each organization's sales per variant and per
 * product over the Analytics page's range presets (the last 7, 30, 90 and 365 days through
 * yesterday in the organization's time zone), across its shops that are not disconnected. With 1M
 * order lines over 100k variants a daily rollup hardly compresses (about ten lines per variant a
 * year), so Stock health and Products would otherwise sum a year of `sales_daily` rows per request.
 *
 * Runs inside `rollupSales`' transaction, after `sales_daily` was brought up to date, so the rows
 * are exactly as fresh as the rollup's stamp. A preset whose day or shop set moved (midnight, a shop
 * connected or disconnected) is recomputed whole from `sales_daily`; otherwise only the variants
 * whose `sales_daily` rows the run deleted or inserted (`touched_variants`), and their products, are
 * recomputed. Both are a recomputation from `sales_daily`, never a delta, so a rerun changes nothing.
 */

export interface SalesPeriodOptions {
  /** The day the presets end after (they run through the day before); default: today in each organization's zone. */
  today?: string;
}

export async function refreshSalesPeriods(
  tx: EntityManager,
  since: Date,
  options: SalesPeriodOptions = {},
): Promise<number> {
  await sqlRows(
    tx,
    `create temp table period_targets on commit drop as
     select o.id as organization_id, d.days as period_days,
            coalesce($1::date, (now() at time zone coalesce(z.name, 'UTC'))::date) - 1 as through,
            coalesce((select array_agg(c.id::text order by c.id::text) from channel_connection c
                       where c.organization_id = o.id and c.status <> 'disconnected'), '{}') as shops,
            true as whole
       from organization o cross join unnest($2::int[]) d(days)
       -- A zone PostgreSQL does not know (Settings checks it against the browser's list) means UTC
       -- here rather than a failed rollup: the page then sums its presets itself.
       left join pg_timezone_names z on z.name = o.time_zone
      where exists (select 1 from channel_connection c where c.organization_id = o.id)`,
    [options.today ?? null, [...salesPeriodPresets]],
  );
  await sqlRows(
    tx,
    `update period_targets t set whole = false
       from sales_period_state s
      where s.organization_id = t.organization_id and s.period_days = t.period_days and s.through = t.through and s.shops = t.shops`,
  );
  // The targets' variants and products to recompute: every one of a whole preset, the touched ones otherwise.
  await sqlRows(
    tx,
    `create temp table period_variants on commit drop as
     select t.organization_id, t.period_days, tv.variant_id
       from period_targets t join touched_variants tv on tv.organization_id = t.organization_id
      where not t.whole`,
  );
  await sqlRows(
    tx,
    `create temp table period_products on commit drop as
     select distinct pv.organization_id, pv.period_days, v.product_id
       from period_variants pv join variant v on v.id = pv.variant_id`,
  );
  await sqlRows(
    tx,
    `delete from sales_period_variant s using period_targets t
      where s.organization_id = t.organization_id and s.period_days = t.period_days and t.whole`,
  );
  await sqlRows(
    tx,
    `delete from sales_period_product s using period_targets t
      where s.organization_id = t.organization_id and s.period_days = t.period_days and t.whole`,
  );
  await sqlRows(
    tx,
    `delete from sales_period_variant s using period_variants pv
      where s.organization_id = pv.organization_id and s.period_days = pv.period_days and s.variant_id = pv.variant_id`,
  );
  await sqlRows(
    tx,
    `delete from sales_period_product s using period_products pp
      where s.organization_id = pp.organization_id and s.period_days = pp.period_days and s.product_id = pp.product_id`,
  );
  // The `sales_daily` rows a target reads: its shops, its days, matched variants only (as the sections).
  const windowSql = `s.organization_id = t.organization_id and s.connection_id = any(t.shops::uuid[])
                     and s.day > t.through - t.period_days and s.day <= t.through and s.variant_id is not null`;
  const variantRows = `select t.organization_id, t.period_days, s.variant_id, s.currency,
                              sum(s.valid_units) as units, sum(s.revenue) as revenue`;
  const variants = await sqlRows<{ n: number }>(
    tx,
    `with by_currency as (
       ${variantRows} from period_targets t join sales_daily s on ${windowSql} where t.whole group by 1, 2, 3, 4
       union all
       ${variantRows} from period_variants pv join period_targets t using (organization_id, period_days)
         join sales_daily s on s.variant_id = pv.variant_id and ${windowSql} group by 1, 2, 3, 4)
     , ins as (
       insert into sales_period_variant (id, organization_id, period_days, variant_id, sku, units, revenues)
       select gen_random_uuid(), b.organization_id, b.period_days, b.variant_id, v.sku, sum(b.units),
              jsonb_agg(jsonb_build_object('currency', b.currency, 'revenue', b.revenue) order by b.currency)
         from by_currency b join variant v on v.id = b.variant_id
        group by b.organization_id, b.period_days, b.variant_id, v.sku
       returning 1)
     select count(*)::int as n from ins`,
  );
  const productRows = `select t.organization_id, t.period_days, v.product_id, s.currency,
                              sum(s.valid_units) as units, sum(s.revenue) as revenue`;
  const products = await sqlRows<{ n: number }>(
    tx,
    `with ins as (
       insert into sales_period_product (id, organization_id, period_days, product_id, currency, units, revenue)
       select gen_random_uuid(), organization_id, period_days, product_id, currency, units, revenue from (
         ${productRows} from period_targets t join sales_daily s on ${windowSql} join variant v on v.id = s.variant_id
          where t.whole group by 1, 2, 3, 4
         union all
         ${productRows} from period_products pp join period_targets t using (organization_id, period_days)
           join variant v on v.product_id = pp.product_id join sales_daily s on s.variant_id = v.id and ${windowSql}
          group by 1, 2, 3, 4) by_product
       returning 1)
     select count(*)::int as n from ins`,
  );
  // A SKU renamed since the last run: the rows' order follows it (variants changed since the watermark).
  await sqlRows(
    tx,
    `update sales_period_variant s set sku = v.sku from variant v
      where v.updated_at > $1 and v.id = s.variant_id and s.sku <> v.sku`,
    [since],
  );
  await sqlRows(
    tx,
    `insert into sales_period_state (id, organization_id, period_days, through, shops, refreshed_at)
     select gen_random_uuid(), organization_id, period_days, through, shops, now() from period_targets where whole
     on conflict (organization_id, period_days) do update
       set through = excluded.through, shops = excluded.shops, refreshed_at = excluded.refreshed_at`,
  );
  return (variants[0]?.n ?? 0) + (products[0]?.n ?? 0);
}
