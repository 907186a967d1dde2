/**
 * Reports and Analytics at size: the orders report streamed as CSV from a PostgreSQL cursor over
 * BENCH_ORDER_LINES order lines (default 1,000,000): rows per second and peak RSS (it must stay
 * flat); then each Analytics section's query at BENCH_VARIANTS variants (default 100,000) on two
 * shops with a year of orders: p50 / p95 over BENCH_REPEATS runs (aim: under 150 ms). Prints
 * figures; asserts nothing.
 *
 * Ceilings measured in the same run, so ratios mean something on a loaded machine: the export
 * against fetching the same query's rows through the same cursor without making CSV (the transport
 * floor), and each Analytics section against one aggregate over the year's summary rows it reads
 * (the floor of any section that reads the rollups).
 *
 *   pnpm bench:reports            (BENCH_ORDER_LINES=20000 BENCH_VARIANTS=2000 for a quick check)
 *
 * Uses a fresh database on BENCH_DATABASE_URL's (or DATABASE_URL's) server, dropped afterwards;
 * otherwise a throwaway embedded PostgreSQL. To iterate on the sections without seeding again:
 * BENCH_KEEP=1 keeps the seeded database and prints its URL; BENCH_REUSE=<that URL> migrates it,
 * runs the (incremental) rollups and measures again. BENCH_SKIP_EXPORT=1 skips the CSV export.
 */
import { cpus, loadavg } from "node:os";
import { createOrm, cursorChunks, forOrganization, migrateDatabase, sqlRows, type Orm } from "@syncstore/db";
import { addDays } from "@syncstore/domain";
import { rollupSales } from "@syncstore/services";
import { preparedReportQuery, REPORT_FETCH_ROWS, reportById, streamReport } from "@syncstore/services/reports";
import { benchDatabase } from "@syncstore/postgres/bench-database";
import { print } from "@syncstore/postgres/report";
import { pricingAnalysis } from "../src/services/analytics/pricing";
import { productPerformance } from "../src/services/analytics/products";
import { salesOverview } from "../src/services/analytics/sales";
import { stockHealth } from "../src/services/analytics/stock";
import { syncHealth } from "../src/services/analytics/sync-health";

const lines = Number(process.env.BENCH_ORDER_LINES ?? 1_000_000);
const variants = Number(process.env.BENCH_VARIANTS ?? 100_000);
const repeats = Number(process.env.BENCH_REPEATS ?? 10);
const org = "bench-reports-org";
const fmt = (value: number) => Math.round(value).toLocaleString("en");
const goalMs = 150;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const load = () => `load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} CPUs`;
const reuse = process.env.BENCH_REUSE;
const database = reuse
  ? { url: reuse, where: `reused database ${new URL(reuse).pathname.slice(1)}`, drop: async () => {} }
  : await benchDatabase("reports");
try {
  await migrateDatabase(database.url);
  const orm = await createOrm(database.url, { pool: { min: 0, max: 4 } });
  if (!reuse) await seed(orm);
  const started = performance.now();
  await rollupSales(orm.em);
  print(`Rolled up the sales in ${fmt(performance.now() - started)} ms (${load()}).`);
  if (!process.env.BENCH_SKIP_EXPORT) await exportReport(orm);
  await sections(orm);
  await orm.close(true);
} finally {
  if (process.env.BENCH_KEEP && !reuse) print(`Kept the database: BENCH_REUSE=${database.url}`);
  else await database.drop();
}

async function seed(orm: Orm): Promise<void> {
  const em = orm.em.fork();
  print(
    `Seeding ${fmt(variants)} variants, two shops and ${fmt(lines)} order lines over a year (${database.where})...`,
  );
  await sqlRows(
    em,
    `insert into organization (id, name, slug, currency, created_at) values ($1, $1, $1, 'SGD', now())`,
    [org],
  );
  await sqlRows(
    em,
    `insert into channel_connection (id, organization_id, platform, external_shop_id, name, region, status, created_at, updated_at)
     values (gen_random_uuid(), $1, 'shopee', 's1', 'Shopee SG', 'SG', 'active', now(), now()),
            (gen_random_uuid(), $1, 'tiktok', 't1', 'TikTok SG', 'SG', 'active', now(), now())`,
    [org],
  );
  await sqlRows(
    em,
    `insert into product (id, organization_id, title, status, created_at, updated_at)
     select gen_random_uuid(), $1, 'Product ' || i, 'active', now(), now() from generate_series(1, greatest(1, $2::int / 4)) i`,
    [org, variants],
  );
  await sqlRows(
    em,
    `insert into variant (id, organization_id, product_id, sku, price, cost, created_at, updated_at)
     select gen_random_uuid(), $1, p.id, 'SKU-' || p.n || '-' || k, 1000 + (p.n % 500), 600, now(), now()
       from (select id, row_number() over () as n from product where organization_id = $1) p cross join generate_series(1, 4) k`,
    [org],
  );
  await sqlRows(
    em,
    `insert into stock_level (id, organization_id, variant_id, on_hand, committed, updated_at)
     select gen_random_uuid(), $1, id, 20, 0, now() from variant where organization_id = $1`,
    [org],
  );
  await sqlRows(
    em,
    `with v as (select id, sku, price, row_number() over () as n from variant where organization_id = $1),
          c as (select id, row_number() over () as n from channel_connection where organization_id = $1),
          o as (insert into channel_order (id, organization_id, connection_id, external_order_id, status, currency, placed_at, created_at, updated_at)
                select gen_random_uuid(), $1, (select id from c where n = 1 + i % 2), 'O' || i,
                       case when i % 20 = 0 then 'cancelled' else 'completed' end, 'SGD',
                       now() - (i % 365) * interval '1 day' - (i % 24) * interval '1 hour', now(), now()
                  from generate_series(1, $2::int) i returning id, external_order_id)
     insert into channel_order_line (id, organization_id, order_id, line_key, variant_id, sku, quantity, unit_price)
     select gen_random_uuid(), $1, o.id, gen_random_uuid()::text, v.id, v.sku, 1 + (substr(o.external_order_id, 2)::int % 3), v.price
       from o join v on v.n = 1 + (substr(o.external_order_id, 2)::int % $3::int)`,
    [org, lines, variants],
  );
  // As autovacuum would have by the time a year of orders exists.
  await sqlRows(em, `analyze`);
}

async function exportReport(orm: Orm): Promise<void> {
  const report = reportById("orders");
  if (!report) throw new Error("orders report missing");
  let rows = 0;
  let bytes = 0;
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const before = peak;
  // RSS at each quarter of the rows: memory that grows with the rows shows between the first and the last.
  const quarters: number[] = [];
  const t0 = performance.now();
  for await (const chunk of streamReport(
    forOrganization(orm.em, org),
    report,
    org,
    { shops: [] },
    { bom: true, currency: "SGD" },
  )) {
    bytes += chunk.length;
    rows += chunk.split("\r\n").length - 1;
    peak = Math.max(peak, process.memoryUsage().rss);
    while (quarters.length < 4 && rows - 1 >= ((quarters.length + 1) * lines) / 4)
      quarters.push(process.memoryUsage().rss);
  }
  const seconds = (performance.now() - t0) / 1000;

  // Ceiling: the same query's rows through the same cursor and fetch size, no CSV made.
  const query = preparedReportQuery(report, org, { shops: [] });
  let fetched = 0;
  const c0 = performance.now();
  for await (const batch of cursorChunks(orm.em.fork(), query.text, query.params, { chunk: REPORT_FETCH_ROWS })) {
    fetched += batch.length;
  }
  const ceilingSeconds = (performance.now() - c0) / 1000;
  const copySeconds = await copyCeiling(orm, query);
  print(
    "",
    `Orders report: ${fmt(rows - 1)} rows, ${mb(bytes)} of CSV in ${seconds.toFixed(1)} s = ${fmt((rows - 1) / seconds)} rows/s (${load()})`,
    `  ceiling (same cursor, no CSV): ${fmt(fetched)} rows in ${ceilingSeconds.toFixed(1)} s = ${fmt(fetched / ceilingSeconds)} rows/s`,
    `  ratio export / ceiling: ${(seconds / ceilingSeconds).toFixed(2)}x the time (${((ceilingSeconds / seconds) * 100).toFixed(0)} % of the ceiling's rate)`,
    typeof copySeconds === "string"
      ? `  COPY ceiling not measured: ${copySeconds}`
      : `  COPY ceiling (the same query made CSV by PostgreSQL: COPY … TO '/dev/null' on the server, no transfer): ${fmt(fetched)} rows in ${copySeconds.toFixed(1)} s = ${fmt(fetched / copySeconds)} rows/s`,
    typeof copySeconds === "string"
      ? ""
      : `  ratio export / COPY: ${(seconds / copySeconds).toFixed(2)}x the time (${((copySeconds / seconds) * 100).toFixed(0)} % of COPY's rate)`,
    `RSS before ${mb(before)}, peak ${mb(peak)}; at 25/50/75/100% of the rows ${quarters.map(mb).join(", ")} ` +
      `(${mb((quarters.at(-1) ?? peak) - (quarters[0] ?? before))} after the first quarter: flat memory means it does not grow with the row count)`,
    "",
  );
}

/**
 * The same rows made into CSV by PostgreSQL itself: COPY of the report's query to the server's
 * /dev/null (COPY takes no bind parameters, so they are inlined as literals). Needs a role that may
 * write server files (the bench's postgres superuser); otherwise says why it was not measured.
 */
async function copyCeiling(orm: Orm, query: { text: string; params: unknown[] }): Promise<number | string> {
  const literal = (value: unknown): string => {
    if (value === null || value === undefined) return "null";
    if (Array.isArray(value)) return `array[${value.map(literal).join(", ")}]::text[]`;
    return `'${String(value).replaceAll("'", "''")}'`;
  };
  let text = query.text;
  for (let i = query.params.length; i >= 1; i -= 1) text = text.replaceAll(`$${i}`, literal(query.params[i - 1]));
  try {
    const c0 = performance.now();
    await sqlRows(orm.em.fork(), `copy (${text}) to '/dev/null' with (format csv, header)`);
    return (performance.now() - c0) / 1000;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function sections(orm: Orm): Promise<void> {
  const to = addDays(new Date().toISOString().slice(0, 10), -1);
  const filter = { from: addDays(to, -364), to, shops: [] };
  const [shop] = await sqlRows<{ id: string }>(
    orm.em.fork(),
    `select id::text from channel_connection where organization_id = $1 order by external_shop_id limit 1`,
    [org],
  );
  // The last year for one shop (a per-shop preset), and a range that is no preset (180 days ending
  // ten days ago, every shop).
  const oneShop = { ...filter, shops: shop ? [shop.id] : [] };
  const custom = { from: addDays(to, -189), to: addDays(to, -10), shops: [] };
  const sections = {
    sales: () => salesOverview(forOrganization(orm.em, org), filter),
    products: () => productPerformance(forOrganization(orm.em, org), filter),
    pricing: () => pricingAnalysis(forOrganization(orm.em, org), filter),
    stock: () => stockHealth(forOrganization(orm.em, org), filter),
    syncHealth: () => syncHealth(forOrganization(orm.em, org), filter),
    "products 1 shop": () => productPerformance(forOrganization(orm.em, org), oneShop),
    "stock 1 shop": () => stockHealth(forOrganization(orm.em, org), oneShop),
    "products custom": () => productPerformance(forOrganization(orm.em, org), custom),
    "stock custom": () => stockHealth(forOrganization(orm.em, org), custom),
  };
  const timed = async (run: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < repeats; i += 1) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return (p: number) => times[Math.max(0, Math.ceil(p * times.length) - 1)] ?? 0;
  };
  // Ceiling: one aggregate over the year's daily sales rollup of the organization (what any section
  // reading the summary tables does at least once).
  const ceiling = await timed(() =>
    sqlRows(
      orm.em.fork(),
      `select count(*), sum(revenue), sum(units) from sales_daily where organization_id = $1 and day between $2::date and $3::date`,
      [org, filter.from, filter.to],
    ),
  );
  print(
    `Analytics sections over one year (${repeats} runs each; aim p95 < 150 ms; ${load()}):`,
    `  ceiling         p50 ${fmt(ceiling(0.5)).padStart(6)} ms   p95 ${fmt(ceiling(0.95)).padStart(6)} ms   (one aggregate over the year's sales_daily rows)`,
  );
  for (const [name, run] of Object.entries(sections)) {
    const at = await timed(run);
    const ratio = (p: number) => (at(p) / Math.max(ceiling(p), 0.001)).toFixed(1);
    print(
      `  ${name.padEnd(15)} p50 ${fmt(at(0.5)).padStart(6)} ms   p95 ${fmt(at(0.95)).padStart(6)} ms   ratio to ceiling p50 ${ratio(0.5)}x, p95 ${ratio(0.95)}x; to the 150 ms goal p95 ${(at(0.95) / goalMs).toFixed(2)}x`,
    );
  }
}
