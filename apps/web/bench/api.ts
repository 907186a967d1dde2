/**
 * The API under concurrency, through the production Next.js server with a signed-in session at
 * 100,000 variants: the grid's first block (`catalog.listVariants`, 100 rows), `me.context` and a
 * one-row save (`catalog.saveChanges`) at 1, 8 and 32 concurrent clients, each beside the ceiling
 * measured in the same run: a bare route handler on the same server answering the list's JSON.
 * Prints figures; asserts nothing.
 *
 *   pnpm bench:api
 *
 * Builds the web app once (BENCH_SKIP_BUILD=1 reuses the last build). Uses a fresh database on
 * BENCH_DATABASE_URL's (or DATABASE_URL's) server, dropped afterwards; otherwise a throwaway
 * embedded PostgreSQL. BENCH_VARIANTS (default 100000) sizes the catalog, BENCH_SECONDS (default
 * 10) each run, BENCH_CONNECTIONS (default 1,8,32) the concurrencies, BENCH_ENDPOINTS (default
 * all: ceiling,list,me,save) what is loaded. BENCH_SERVER_ARGS passes Node flags to the web server
 * (`--cpu-prof --cpu-prof-dir=/tmp/prof` writes its CPU profile when the bench stops it).
 */
import autocannon from "autocannon";
import { print, printTable } from "@syncstore/postgres/report";
import { cpuSeconds, machine, startBenchWeb, type BenchWeb } from "./web-server";

const variantCount = Number(process.env.BENCH_VARIANTS ?? 100_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrencies = (process.env.BENCH_CONNECTIONS ?? "1,8,32").split(",").map(Number);
const goal = { listToBare: 0.5, p99ToP50: 3 };

/** The URL the grid's tRPC client sends for its first block (httpBatchLink, superjson). */
const batchedQuery = (path: string, input: unknown) =>
  `/api/trpc/${path}?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: input } }))}`;
const firstBlock = batchedQuery("catalog.listVariants", { startRow: 0, endRow: 100 });
const meContext = `/api/trpc/me.context?batch=1&input=${encodeURIComponent("{}")}`;

interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  cpuPerRequestMs: number;
}

type Target = Pick<autocannon.Request, "method" | "path" | "setupRequest"> & { headers?: Record<string, string> };

async function load(web: BenchWeb, target: Target, connections: number, duration = seconds): Promise<Figures> {
  const cpuBefore = await cpuSeconds(web.pid);
  const result = await autocannon({
    url: web.url,
    connections,
    duration,
    requests: [{ ...target, headers: { cookie: web.cookie, ...target.headers } }],
  });
  const cpu = (await cpuSeconds(web.pid)) - cpuBefore;
  const ok = result["2xx"];
  return {
    perSecond: ok / duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
    cpuPerRequestMs: ok > 0 ? (cpu * 1000) / ok : 0,
  };
}

/** One-row saves, each of a different variant (so no save meets a version conflict). */
async function saveTarget(web: BenchWeb): Promise<Target> {
  const { rows } = await web.pool.query<{
    id: string;
    variant_version: number;
    product_version: number;
    price: number;
  }>(
    `select v.id, v.version as variant_version, p.version as product_version, v.price
       from variant v join product p on p.id = v.product_id
      where v.organization_id = $1 order by v.id limit 50000`,
    [web.organizationId],
  );
  let next = 0;
  return {
    method: "POST",
    path: "/api/trpc/catalog.saveChanges?batch=1",
    headers: { "content-type": "application/json", origin: web.url },
    setupRequest: (request) => {
      const row = rows[next++ % rows.length]!;
      const change = {
        variantId: row.id,
        productVersion: row.product_version,
        variantVersion: row.variant_version,
        variant: { price: Number(row.price) + 1 },
      };
      row.variant_version += 1;
      row.price = Number(row.price) + 1;
      return { ...request, body: JSON.stringify({ 0: { json: { changes: [change] } } }) };
    },
  };
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const rate = (value: number) => `${value.toFixed(1)}/s`;

async function main(): Promise<void> {
  const web = await startBenchWeb("api", variantCount);
  try {
    print(`${web.seeded}; web server at ${web.url} (next start), database: ${web.database.where}`);
    const listResponse = await fetch(`${web.url}${firstBlock}`, { headers: { cookie: web.cookie } });
    const listJson = await listResponse.text();
    if (!listResponse.ok) throw new Error(`catalog.listVariants answered ${listResponse.status}: ${listJson}`);
    const ceiling = await fetch(`${web.url}/api/bench/ceiling`, { method: "PUT", body: listJson });
    if (ceiling.status !== 204)
      throw new Error(`the ceiling route answered ${ceiling.status}: is SYNCSTORE_BENCH=1 set?`);
    print(`first block: ${Buffer.byteLength(listJson).toLocaleString("en")} bytes of JSON; ${seconds} s per run\n`);

    const wanted = (process.env.BENCH_ENDPOINTS ?? "ceiling,list,me,save").split(",");
    const targets = (
      [
        ["ceiling", "bare route handler, same JSON (ceiling)", { method: "GET", path: "/api/bench/ceiling" }],
        ["list", "catalog.listVariants, first block of 100", { method: "GET", path: firstBlock }],
        ["me", "me.context", { method: "GET", path: meContext }],
        ["save", "catalog.saveChanges, one row", await saveTarget(web)],
      ] satisfies [string, string, Target][]
    )
      .filter(([name]) => wanted.includes(name))
      .map(([, label, target]): [string, Target] => [label, target]);
    // Warm-up: compiled routes, prepared plans, full pools.
    for (const [, target] of targets) await load(web, target, 8, 2);

    const table: string[][] = [
      ["endpoint", "clients", "req/s", "x bare", "p50", "p99", "p99/p50", "CPU/req", "errors", "goal", ""],
    ];
    const started = machine();
    for (const connections of concurrencies) {
      let bare = 0;
      for (const [label, target] of targets) {
        const figures = await load(web, target, connections);
        if (target.path === "/api/bench/ceiling") bare = figures.perSecond;
        const ratio = bare > 0 ? figures.perSecond / bare : Number.NaN;
        const isList = target.path === firstBlock;
        const spread = figures.p99 / Math.max(1, figures.p50);
        const met = ratio >= goal.listToBare && spread < goal.p99ToP50;
        table.push([
          label,
          String(connections),
          rate(figures.perSecond),
          `${ratio.toFixed(2)}x`,
          ms(figures.p50),
          ms(figures.p99),
          `${spread.toFixed(1)}x`,
          `${figures.cpuPerRequestMs.toFixed(1)} ms`,
          String(figures.errors),
          isList && connections === 32 ? `>= ${goal.listToBare}x bare, p99 < ${goal.p99ToP50}x p50` : "",
          isList && connections === 32 && bare > 0 ? (met ? "met" : "MISSED") : "",
        ]);
      }
    }
    printTable(table);
    print(
      "\nx bare: requests per second against the bare route handler at the same concurrency; CPU/req: the web",
      "server process's CPU time per answered request (PostgreSQL's is not counted).",
      `(absolute figures from this machine, shared: at start ${started}; at end ${machine()})`,
    );
  } finally {
    await web.stop();
  }
}

await main();
