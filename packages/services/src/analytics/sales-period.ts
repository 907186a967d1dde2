import { type EntityManager, SALES_PERIOD_ALL_SHOPS, salesPeriodPresets, sqlRows } from "@syncstore/db";

/**
 * `sales_period_variant` and `sales_period_product`: each organization's sales per variant and per
 * product over the Analytics page's range presets (the last 7, 30, 90 and 365 days through
 * yesterday in the organization's time zone), across its shops that are not disconnected (scope
 * `all`) and, when it has more than one, per shop (scope = the connection id). With 1M
 * order lines over 100k variants a daily rollup hardly compresses (about ten lines per variant a
 * year), so Stock health and Products would otherwise sum a year of `sales_daily` rows per request.
 *
 * Runs inside `rollupSales`' transaction, after `sales_daily` was brought up to date, so the rows
 * are exactly as fresh as the rollup's stamp. A preset whose day or shop set moved (midnight, a shop
 * connected or disconnected) is recomputed whole from `sales_daily`; otherwise only the variants
 * whose `sales_daily` rows the run deleted or inserted (`touched_variants`), and their products, are
 * recomputed, and so are the variants changed since the watermark that sit under another product
 * than their rows say (a move to another product changes no `sales_daily` row), with their old and
 * new products. Both are a recomputation from `sales_daily`, never a delta, so a rerun changes nothing.
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
     with orgs as (
       select o.id as organization_id, coalesce($1::date, (now() at time zone coalesce(z.name, 'UTC'))::date) - 1 as through,
              coalesce((select array_agg(c.id::text order by c.id::text) from channel_connection c
                         where c.organization_id = o.id and c.status <> 'disconnected'), '{}') as shops
         from organization o
         -- A zone PostgreSQL does not know (Settings checks it against the browser's list) means UTC
         -- here rather than a failed rollup: the page then sums its presets itself.
         left join pg_timezone_names z on z.name = o.time_zone
        where exists (select 1 from channel_connection c where c.organization_id = o.id))
     , scopes as (
       select organization_id, through, $3::text as scope, shops from orgs
       union all
       select organization_id, through, shop, array[shop] from orgs cross join unnest(shops) shop where cardinality(shops) > 1)
     select s.organization_id, d.days as period_days, s.scope, s.through, s.shops, true as whole
       from scopes s cross join unnest($2::int[]) d(days)`,
    [options.today ?? null, [...salesPeriodPresets], SALES_PERIOD_ALL_SHOPS],
  );
  // Scopes no longer kept (a shop disconnected, or the organization down to one shop).
  for (const table of ["sales_period_variant", "sales_period_product", "sales_period_state"])
    await sqlRows(
      tx,
      `delete from ${table} s
        where s.organization_id in (select organization_id from period_targets)
          and not exists (select 1 from period_targets t where t.organization_id = s.organization_id
                             and t.period_days = s.period_days and t.scope = s.scope)`,
    );
  await sqlRows(
    tx,
    `update period_targets t set whole = false
       from sales_period_state s
      where s.organization_id = t.organization_id and s.period_days = t.period_days and s.scope = t.scope
        and s.through = t.through and s.shops = t.shops`,
  );
  // Variants changed since the watermark whose rows name another product than theirs: moved.
  await sqlRows(
    tx,
    `create temp table moved_variants on commit drop as
     select distinct s.organization_id, s.variant_id, s.product_id as old_product_id
       from variant v join sales_period_variant s on s.variant_id = v.id
      where v.updated_at > $1 and s.product_id is distinct from v.product_id`,
    [since],
  );
  // The targets' variants and products to recompute: every one of a whole preset, the touched ones otherwise.
  await sqlRows(
    tx,
    `create temp table period_variants on commit drop as
     select t.organization_id, t.period_days, t.scope, x.variant_id
       from period_targets t
       join (select organization_id, variant_id from touched_variants
             union select organization_id, variant_id from moved_variants) x on x.organization_id = t.organization_id
      where not t.whole`,
  );
  await sqlRows(
    tx,
    `create temp table period_products on commit drop as
     select pv.organization_id, pv.period_days, pv.scope, v.product_id
       from period_variants pv join variant v on v.id = pv.variant_id
     union
     select t.organization_id, t.period_days, t.scope, m.old_product_id
       from period_targets t join moved_variants m on m.organization_id = t.organization_id
      where not t.whole and m.old_product_id is not null`,
  );
  await sqlRows(
    tx,
    `delete from sales_period_variant s using period_targets t
      where s.organization_id = t.organization_id and s.period_days = t.period_days and s.scope = t.scope and t.whole`,
  );
  await sqlRows(
    tx,
    `delete from sales_period_product s using period_targets t
      where s.organization_id = t.organization_id and s.period_days = t.period_days and s.scope = t.scope and t.whole`,
  );
  await sqlRows(
    tx,
    `delete from sales_period_variant s using period_variants pv
      where s.organization_id = pv.organization_id and s.period_days = pv.period_days and s.scope = pv.scope
        and s.variant_id = pv.variant_id`,
  );
  await sqlRows(
    tx,
    `delete from sales_period_product s using period_products pp
      where s.organization_id = pp.organization_id and s.period_days = pp.period_days and s.scope = pp.scope
        and s.product_id = pp.product_id`,
  );
  // The `sales_daily` rows a target reads: its shops, its days, matched variants only (as the sections).
  const windowSql = `s.organization_id = t.organization_id and s.connection_id = any(t.shops::uuid[])
                     and s.day > t.through - t.period_days and s.day <= t.through and s.variant_id is not null`;
  const variantRows = `select t.organization_id, t.period_days, t.scope, s.variant_id, s.currency,
                              sum(s.valid_units) as units, sum(s.revenue) as revenue`;
  const variants = await sqlRows<{ n: number }>(
    tx,
    `with by_currency as (
       ${variantRows} from period_targets t join sales_daily s on ${windowSql} where t.whole group by 1, 2, 3, 4, 5
       union all
       ${variantRows} from period_variants pv join period_targets t using (organization_id, period_days, scope)
         join sales_daily s on s.variant_id = pv.variant_id and ${windowSql} group by 1, 2, 3, 4, 5)
     , ins as (
       insert into sales_period_variant (id, organization_id, period_days, scope, variant_id, product_id, sku, units, revenues)
       select gen_random_uuid(), b.organization_id, b.period_days, b.scope, b.variant_id, v.product_id, v.sku, sum(b.units),
              jsonb_agg(jsonb_build_object('currency', b.currency, 'revenue', b.revenue) order by b.currency)
         from by_currency b join variant v on v.id = b.variant_id
        group by b.organization_id, b.period_days, b.scope, b.variant_id, v.product_id, v.sku
       returning 1)
     select count(*)::int as n from ins`,
  );
  const productRows = `select t.organization_id, t.period_days, t.scope, v.product_id, s.currency,
                              sum(s.valid_units) as units, sum(s.revenue) as revenue`;
  const products = await sqlRows<{ n: number }>(
    tx,
    `with ins as (
       insert into sales_period_product (id, organization_id, period_days, scope, product_id, currency, units, revenue)
       select gen_random_uuid(), organization_id, period_days, scope, product_id, currency, units, revenue from (
         ${productRows} from period_targets t join sales_daily s on ${windowSql} join variant v on v.id = s.variant_id
          where t.whole group by 1, 2, 3, 4, 5
         union all
         ${productRows} from period_products pp join period_targets t using (organization_id, period_days, scope)
           join variant v on v.product_id = pp.product_id join sales_daily s on s.variant_id = v.id and ${windowSql}
          group by 1, 2, 3, 4, 5) by_product
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
    `insert into sales_period_state (id, organization_id, period_days, scope, through, shops, refreshed_at)
     select gen_random_uuid(), organization_id, period_days, scope, through, shops, now() from period_targets where whole
     on conflict (organization_id, period_days, scope) do update
       set through = excluded.through, shops = excluded.shops, refreshed_at = excluded.refreshed_at`,
  );
  return (variants[0]?.n ?? 0) + (products[0]?.n ?? 0);
}
