import { type EntityManager, sqlRows } from "@syncstore/db";
import { refreshSalesPeriods, type SalesPeriodOptions } from "./sales-period";
import { cancelledOrderStatuses, latencyBucketsMs, refundedOrderStatuses, regionTimeZones } from "@syncstore/domain";

/**
 * Incremental, idempotent rollups. Each run takes an advisory lock, reads the sources changed
 * since its watermark (minus an overlap that covers transactions committing late), and recomputes
 * the touched buckets completely from the raw rows (delete + insert). A repeated or late event
 * therefore just recomputes its bucket: running twice changes nothing, and a bucket always equals
 * the direct computation over its raw rows (proved by `rollup.int.test.ts`).
 */

/** Rows whose transactions commit up to this long after their timestamp are still picked up. */
export const ROLLUP_OVERLAP_MS = 5 * 60_000;

const LOCK_SALES = 7_314_001;
const LOCK_SYNC = 7_314_002;

async function watermark(tx: EntityManager, name: string): Promise<Date> {
  const [row] = await sqlRows<{ watermark: Date }>(tx, `select watermark from rollup_state where name = $1`, [name]);
  return row ? new Date(new Date(row.watermark).getTime() - ROLLUP_OVERLAP_MS) : new Date(0);
}

async function advance(tx: EntityManager, name: string): Promise<void> {
  await sqlRows(
    tx,
    `insert into rollup_state (name, watermark, runs, last_run_at) values ($1, now(), 1, now())
     on conflict (name) do update set watermark = now(), runs = rollup_state.runs + 1, last_run_at = now()`,
    [name],
  );
}

/** SQL for the shop-local zone of a connection `c` (region → IANA zone, as `shopTimeZone`). */
const zoneSql = `coalesce($zones::jsonb ->> upper(c.region), 'UTC')`;
const placedSql = `coalesce(o.placed_at, o.created_at)`;
const validSql = `not (lower(o.status) = any($cancelled::text[]) or lower(o.status) = any($refunded::text[]))`;
const lineKeySql = `case when l.variant_id is not null then 'v:' || l.variant_id::text
                         when l.sku is not null then 's:' || l.sku
                         else 'x:' || coalesce(l.external_product_id, '') || '/' || coalesce(l.external_variant_id, '') end`;

function bind(sql: string): string {
  return sql.replaceAll("$zones", "$1").replaceAll("$cancelled", "$2").replaceAll("$refunded", "$3");
}

export interface RollupRun {
  buckets: number;
}

/** A run that rewrote this many rows of a table refreshes the planner's statistics of it. */
const ANALYZE_AFTER_ROWS = 10_000;

async function analyze(tx: EntityManager, table: string): Promise<void> {
  await sqlRows(tx, `analyze ${table}`);
}

/**
 * `sales_daily` (per line key per shop per shop-local day), `sales_hourly` (per shop per UTC hour)
 * and the preset periods per variant and per product (`refreshSalesPeriods`).
 */
export async function rollupSales(em: EntityManager, options: SalesPeriodOptions = {}): Promise<RollupRun> {
  return em.fork().transactional(async (tx) => {
    await sqlRows(tx, `select pg_advisory_xact_lock($1)`, [LOCK_SALES]);
    // Compiling these statements took longer than running them on a small run (3 s on a loaded machine).
    await sqlRows(tx, `set local jit = off`);
    // A first rollup sorts a year of lines: in memory rather than in temporary files.
    await sqlRows(tx, `set local work_mem = '64MB'`);
    const since = await watermark(tx, "sales");
    const params = [JSON.stringify(regionTimeZones), cancelledOrderStatuses, refundedOrderStatuses];
    await sqlRows(
      tx,
      bind(`create temp table touched_sales on commit drop as
        select distinct o.connection_id, (${placedSql} at time zone ${zoneSql})::date as day, ${zoneSql} as zone,
               date_trunc('hour', ${placedSql} at time zone 'UTC') at time zone 'UTC' as hour
          from channel_order o join channel_connection c on c.id = o.connection_id
         where o.updated_at > $2`),
      [params[0], since],
    );
    // Each touched bucket as a time range, so the recomputation joins orders by range (index friendly).
    await sqlRows(
      tx,
      `create temp table touched_days on commit drop as
         select distinct connection_id, day, day::timestamp at time zone zone as day_start,
                (day + 1)::timestamp at time zone zone as day_end from touched_sales`,
    );
    await sqlRows(
      tx,
      `create temp table touched_hours on commit drop as select distinct connection_id, hour from touched_sales`,
    );
    await sqlRows(tx, `analyze touched_days`);
    await sqlRows(tx, `analyze touched_hours`);
    // The variants whose daily rows this run rewrites, before and after: the sales periods recompute them.
    await sqlRows(
      tx,
      `create temp table touched_variants (organization_id text, variant_id uuid, primary key (organization_id, variant_id)) on commit drop`,
    );
    await sqlRows(
      tx,
      `with gone as (delete from sales_daily d using touched_days t where d.connection_id = t.connection_id and d.day = t.day
                     returning d.organization_id, d.variant_id)
       insert into touched_variants select distinct organization_id, variant_id from gone where variant_id is not null
       on conflict do nothing`,
    );
    await sqlRows(
      tx,
      `delete from sales_hourly h using touched_hours t where h.connection_id = t.connection_id and h.hour = t.hour`,
    );
    const daily = await sqlRows<{ n: number }>(
      tx,
      bind(`with lines as (
          select o.organization_id, o.connection_id, o.id as order_id, coalesce(o.currency, 'XXX') as currency,
                 (${placedSql} at time zone ${zoneSql})::date as day, ${validSql} as valid,
                 lower(o.status) = any($cancelled::text[]) as cancelled, lower(o.status) = any($refunded::text[]) as refunded,
                 ${lineKeySql} as line_key, l.variant_id, l.sku, l.quantity, coalesce(l.unit_price, 0) * l.quantity as amount
            from touched_days t
            join channel_order o on o.connection_id = t.connection_id and ${placedSql} >= t.day_start and ${placedSql} < t.day_end
            join channel_connection c on c.id = o.connection_id
            join channel_order_line l on l.order_id = o.id
           -- Redundant with the range, but an equality: a run over many days hash-joins on it
           -- instead of comparing every order with every touched day.
           where (${placedSql} at time zone ${zoneSql})::date = t.day)
        , ins as (
          insert into sales_daily (id, organization_id, connection_id, day, line_key, variant_id, sku, currency, orders, valid_orders,
                                   units, valid_units, revenue, cancelled_units, refunded_units)
          select gen_random_uuid(), organization_id, connection_id, day, line_key, max(variant_id::text)::uuid, max(sku), currency,
                 count(distinct order_id), count(distinct order_id) filter (where valid),
                 sum(quantity), coalesce(sum(quantity) filter (where valid), 0), coalesce(sum(amount) filter (where valid), 0),
                 coalesce(sum(quantity) filter (where cancelled), 0), coalesce(sum(quantity) filter (where refunded), 0)
            from lines group by organization_id, connection_id, day, line_key, currency
          returning organization_id, variant_id)
        , touched as (insert into touched_variants select distinct organization_id, variant_id from ins where variant_id is not null
                      on conflict do nothing)
        select count(*)::int as n from ins`),
      params,
    );
    const hourly = await sqlRows<{ n: number }>(
      tx,
      bind(`with orders as (
          select o.organization_id, o.connection_id, coalesce(o.currency, 'XXX') as currency,
                 date_trunc('hour', ${placedSql} at time zone 'UTC') at time zone 'UTC' as hour,
                 (${placedSql} at time zone ${zoneSql})::date as day, ${validSql} as valid,
                 lower(o.status) = any($cancelled::text[]) as cancelled, lower(o.status) = any($refunded::text[]) as refunded,
                 o.id as order_id
            from touched_hours t
            join channel_order o on o.connection_id = t.connection_id and ${placedSql} >= t.hour and ${placedSql} < t.hour + interval '1 hour'
            join channel_connection c on c.id = o.connection_id
           where date_trunc('hour', ${placedSql} at time zone 'UTC') at time zone 'UTC' = t.hour)
        -- The lines of those orders summed per order: a hash join for a year, index lookups for an hour.
        , amounts as (
          select l.order_id, sum(l.quantity) as units, sum(coalesce(l.unit_price, 0) * l.quantity) as amount
            from orders o join channel_order_line l on l.order_id = o.order_id group by l.order_id)
        , ins as (
          insert into sales_hourly (id, organization_id, connection_id, hour, day, currency, orders, valid_orders, cancelled_orders,
                                    refunded_orders, units, revenue)
          select gen_random_uuid(), organization_id, connection_id, hour, min(day), currency, count(*), count(*) filter (where valid),
                 count(*) filter (where cancelled), count(*) filter (where refunded),
                 coalesce(sum(a.units) filter (where valid), 0), coalesce(sum(a.amount) filter (where valid), 0)
            from orders o left join amounts a using (order_id) group by organization_id, connection_id, hour, currency
          returning 1)
        select count(*)::int as n from ins`),
      params,
    );
    // A first rollup of a year writes a million rows the planner has never seen (it would estimate
    // one row and nest loops over them until autovacuum gets there): the periods read them next.
    const written = (daily[0]?.n ?? 0) + (hourly[0]?.n ?? 0);
    if (written > ANALYZE_AFTER_ROWS) for (const table of ["sales_daily", "sales_hourly"]) await analyze(tx, table);
    const periods = await refreshSalesPeriods(tx, since, options);
    if (periods > ANALYZE_AFTER_ROWS)
      for (const table of ["sales_period_variant", "sales_period_product"]) await analyze(tx, table);
    await advance(tx, "sales");
    return { buckets: written + periods };
  });
}

interface HealthAggregate {
  organization_id: string;
  connection_id: string;
  hour: Date;
  attempts: number;
  successes: number;
  failures: number;
  retries: number;
  p50: number | null;
  p95: number | null;
}

/**
 * `sync_health_hourly`: per shop per UTC hour, pushes from `sync_log` (skipped pushes are not
 * attempts), webhooks from `webhook_event` (by the hour received) and oversold incidents from the
 * order data: order lines with `oversold_quantity > 0`, in the hour their order was placed (an
 * incident per line: units sold that stock could not cover).
 */
export async function rollupSyncHealth(em: EntityManager): Promise<RollupRun> {
  return em.fork().transactional(async (tx) => {
    await sqlRows(tx, `select pg_advisory_xact_lock($1)`, [LOCK_SYNC]);
    const since = await watermark(tx, "sync_health");
    await sqlRows(
      tx,
      `create temp table touched_health on commit drop as
       select distinct connection_id, date_trunc('hour', created_at at time zone 'UTC') at time zone 'UTC' as hour
         from sync_log where created_at > $1
       union
       select distinct connection_id, date_trunc('hour', received_at at time zone 'UTC') at time zone 'UTC'
         from webhook_event where connection_id is not null and greatest(received_at, coalesce(processed_at, received_at), coalesce(last_duplicate_at, received_at)) > $1
       union
       select distinct o.connection_id, date_trunc('hour', ${placedSql} at time zone 'UTC') at time zone 'UTC'
         from channel_order o where o.updated_at > $1
       union
       select distinct o.connection_id, date_trunc('hour', ${placedSql} at time zone 'UTC') at time zone 'UTC'
         from channel_order_line l join channel_order o on o.id = l.order_id
        where l.oversold_quantity > 0 and l.effect_at > $1`,
      [since],
    );
    await sqlRows(
      tx,
      `delete from sync_health_hourly h using touched_health t where h.connection_id = t.connection_id and h.hour = t.hour`,
    );
    const bucketSql = `(select count(*) from unnest($1::int[]) b where b < s.duration_ms)::int`;
    const aggregates = await sqlRows<HealthAggregate>(
      tx,
      `select c.organization_id, t.connection_id, t.hour,
              count(s.id)::int as attempts,
              (count(s.id) filter (where s.outcome = 'succeeded'))::int as successes,
              (count(s.id) filter (where s.outcome = 'failed'))::int as failures,
              (count(s.id) filter (where s.outcome = 'retrying'))::int as retries,
              percentile_disc(0.5) within group (order by s.duration_ms) as p50,
              percentile_disc(0.95) within group (order by s.duration_ms) as p95
         from touched_health t
         join channel_connection c on c.id = t.connection_id
         left join sync_log s on s.connection_id = t.connection_id and s.outcome <> 'skipped'
              and s.created_at >= t.hour and s.created_at < t.hour + interval '1 hour'
        group by c.organization_id, t.connection_id, t.hour`,
    );
    const reasons = await sqlRows<{ connection_id: string; hour: Date; reason: string; n: number }>(
      tx,
      `select t.connection_id, t.hour, coalesce(s.error_code, 'unknown') as reason, count(*)::int as n
         from touched_health t join sync_log s on s.connection_id = t.connection_id
              and s.created_at >= t.hour and s.created_at < t.hour + interval '1 hour'
        where s.outcome in ('failed', 'retrying') group by 1, 2, 3`,
    );
    const buckets = await sqlRows<{ connection_id: string; hour: Date; bucket: number; n: number }>(
      tx,
      `select t.connection_id, t.hour, ${bucketSql} as bucket, count(*)::int as n
         from touched_health t join sync_log s on s.connection_id = t.connection_id and s.outcome <> 'skipped'
              and s.created_at >= t.hour and s.created_at < t.hour + interval '1 hour'
        group by 1, 2, 3`,
      [[...latencyBucketsMs]],
    );
    const webhooks = await sqlRows<{ connection_id: string; hour: Date; received: number; failed: number }>(
      tx,
      `select t.connection_id, t.hour, count(w.id)::int as received, (count(w.id) filter (where w.status = 'failed'))::int as failed
         from touched_health t join webhook_event w on w.connection_id = t.connection_id
              and w.received_at >= t.hour and w.received_at < t.hour + interval '1 hour'
        group by 1, 2`,
    );
    const oversold = await sqlRows<{ connection_id: string; hour: Date; n: number }>(
      tx,
      `select t.connection_id, t.hour, count(l.id)::int as n
         from touched_health t
         join channel_order o on o.connection_id = t.connection_id
              and ${placedSql} >= t.hour and ${placedSql} < t.hour + interval '1 hour'
         join channel_order_line l on l.order_id = o.id and l.oversold_quantity > 0
        group by 1, 2`,
    );
    const key = (connectionId: string, hour: Date) => `${connectionId}|${new Date(hour).toISOString()}`;
    const rows = new Map(
      aggregates.map((a) => [
        key(a.connection_id, a.hour),
        {
          organization_id: a.organization_id,
          connection_id: a.connection_id,
          hour: new Date(a.hour).toISOString(),
          attempts: a.attempts,
          successes: a.successes,
          failures: a.failures,
          retries: a.retries,
          reasons: {} as Record<string, number>,
          p50: a.p50,
          p95: a.p95,
          histogram: Array.from({ length: latencyBucketsMs.length + 1 }, () => 0),
          received: 0,
          failed: 0,
          oversold: 0,
        },
      ]),
    );
    for (const r of reasons) {
      const row = rows.get(key(r.connection_id, r.hour));
      if (row) row.reasons[r.reason] = r.n;
    }
    for (const b of buckets) {
      const row = rows.get(key(b.connection_id, b.hour));
      if (row) row.histogram[b.bucket] = b.n;
    }
    for (const w of webhooks) {
      const row = rows.get(key(w.connection_id, w.hour));
      if (row) Object.assign(row, { received: w.received, failed: w.failed });
    }
    for (const o of oversold) {
      const row = rows.get(key(o.connection_id, o.hour));
      if (row) row.oversold = o.n;
    }
    const kept = [...rows.values()].filter((row) => row.attempts + row.received + row.oversold > 0);
    if (kept.length > 0)
      await sqlRows(
        tx,
        `insert into sync_health_hourly (id, organization_id, connection_id, hour, attempts, successes, failures, retries,
                                         failures_by_reason, latency_p50, latency_p95, latency_histogram, webhooks_received,
                                         webhooks_failed, oversold)
         select gen_random_uuid(), r.organization_id, r.connection_id, r.hour, r.attempts, r.successes, r.failures, r.retries,
                r.reasons, r.p50, r.p95, r.histogram, r.received, r.failed, r.oversold
           from jsonb_to_recordset($1::jsonb) as r(organization_id text, connection_id uuid, hour timestamptz, attempts int,
                successes int, failures int, retries int, reasons jsonb, p50 int, p95 int, histogram jsonb, received int,
                failed int, oversold int)`,
        [JSON.stringify(kept)],
      );
    await advance(tx, "sync_health");
    return { buckets: kept.length };
  });
}
