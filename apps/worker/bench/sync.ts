/**
 * Sync engine throughput, end to end: master price changes committed (with their listing jobs, as
 * the API does) → worker → marketplace simulator over HTTP → recorded in sync.
 *
 *   pnpm bench:sync
 *
 * First 20 single edits on an idle system (commit → applied latency). Then two simulated shops
 * (Shopee and TikTok Shop, BENCH_PRODUCTS products × BENCH_VARIANTS variants each, default
 * 500 × 10: 10,000 listings) get a new price on every listing, committed in
 * transactions of 1,000. Run 1: no injected limits (simulator and our limiter off). Run 2:
 * realistic limits: TikTok's published 50 requests/s per API (our limiter 40), Shopee 20/s
 * (unpublished; our limiter 18), 50 ms platform latency. Reports listings/s end to end, p50/p95
 * commit → applied latency, worker jobs/s, and graphile-worker's no-op job rate on the same
 * database at the same concurrency as the ceiling. After the realistic run, each shop's calls per
 * calendar second (as the simulator counted them, from the first commit on) show where time went:
 * a second with no call is a stall, a "(-n)" is n rate-limited answers.
 *
 * Uses BENCH_DATABASE_URL or DATABASE_URL (a fresh database is created and dropped) or a
 * throwaway embedded PostgreSQL. BENCH_CONCURRENCY (default WORKER_CONCURRENCY or 10).
 */
import { closeChannelAgent, type ChannelDeps } from "@syncstore/channels";
import { startSimulator, testChannelEnv, type RunningSimulator } from "@syncstore/channels/testing";
import { createOrm, migrateDatabase, sqlRows, type Orm } from "@syncstore/db";
import {
  createMailer,
  createTaskList,
  defaultSyncSettings,
  releaseExpiredClaims,
  type JobDeps,
  type SyncSettings,
} from "@syncstore/services";
import { channelDepsFor, seedSyncFixture, setMasterPrices, type SyncFixture } from "@syncstore/services/testing";
import { createRealtimeEmitter } from "@syncstore/realtime";
import { makeWorkerUtils, type Task } from "graphile-worker";
import pg from "pg";
import { createLogger } from "../src/logger";
import { startWorker, stopWorker } from "../src/runner";
import { poolSizeFor } from "../src/settings";
import { benchDatabase } from "@syncstore/postgres/bench-database";
import { percentile, print } from "@syncstore/postgres/report";

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 500);
const VARIANTS = Number(process.env.BENCH_VARIANTS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? process.env.WORKER_CONCURRENCY ?? 10);
const COMMIT_BATCH = 1_000;
/** The simulated shops' rate limits in the realistic run (calls per second per API). */
const SIM_LIMITS = { shopee: 20, tiktok: 50 } as const;
const logger = createLogger("warn");

interface RunResult {
  label: string;
  /** When the first commit started (ms since the epoch). */
  started: number;
  listings: number;
  seconds: number;
  listingsPerSecond: number;
  p50: number;
  p95: number;
  jobs: number;
  jobsPerSecond: number;
  calls: number;
}

async function simCalls(sim: RunningSimulator, fixture: SyncFixture): Promise<number> {
  const stats = await sim.admin<{ total: number }>("GET", `/shops/${fixture.platform}/${fixture.shopId}/requests`);
  return stats.total;
}

interface SimTraffic {
  rejected: number;
  maxPerSecondByApi: Record<string, number>;
  seconds: { second: number; count: number; rejected: number }[];
}

/** Calls the simulator counted in each calendar second from `from` (ms) on; "(-n)" marks rate-limited answers. */
function perSecond(traffic: SimTraffic, from: number): string {
  const bySecond = new Map(traffic.seconds.map((bucket) => [bucket.second, bucket]));
  const last = Math.max(...traffic.seconds.map((bucket) => bucket.second));
  const cells: string[] = [];
  for (let second = Math.floor(from / 1000); second <= last; second++) {
    const bucket = bySecond.get(second);
    cells.push(bucket ? `${bucket.count}${bucket.rejected ? `(-${bucket.rejected})` : ""}` : "0");
  }
  return cells.join(" ");
}

async function resetCounters(sim: RunningSimulator, fixtures: readonly SyncFixture[]): Promise<void> {
  for (const fixture of fixtures) await sim.admin("DELETE", `/shops/${fixture.platform}/${fixture.shopId}/requests`);
}

async function syncRun(
  label: string,
  ctx: { url: string; orm: Orm; sim: RunningSimulator; channels: ChannelDeps; fixtures: SyncFixture[]; round: number },
  settings: SyncSettings,
): Promise<RunResult> {
  const pool = new pg.Pool({ connectionString: ctx.url, max: poolSizeFor(CONCURRENCY) + 2 });
  pool.on("error", (err) => logger.error({ err }, "bench pool"));
  pool.on("connect", (client) => client.on("error", (err) => logger.error({ err }, "bench client")));
  let jobs = 0;
  const deps: JobDeps = {
    orm: ctx.orm,
    realtime: createRealtimeEmitter(pool),
    mailer: createMailer({ from: "bench <bench@example.test>", logger }),
    logger,
    webUrl: "http://localhost:3000",
    channels: ctx.channels,
    sync: settings,
  };
  const taskList = createTaskList(deps);
  const syncTask = taskList["sync-listing"] as Task;
  const jobMs: number[] = [];
  taskList["sync-listing"] = async (payload, helpers) => {
    jobs += 1;
    const t0 = performance.now();
    await syncTask(payload, helpers);
    jobMs.push(performance.now() - t0);
  };
  await resetCounters(ctx.sim, ctx.fixtures);
  const worker = await startWorker({
    pgPool: pool,
    taskList,
    crontab: "",
    logger,
    tuning: { concurrency: CONCURRENCY },
    heartbeat: { onTick: () => releaseExpiredClaims(ctx.orm.em.fork()) },
  });

  // Interleave the shops so both get work from the first commit on.
  const changes = ctx.fixtures
    .flatMap((fixture) => fixture.variantIds.map((variantId, i) => ({ variantId, i, shop: fixture.platform })))
    .sort((a, b) => a.i - b.i || a.shop.localeCompare(b.shop));
  const organizationId = ctx.fixtures[0]!.organizationId;
  const committedAt = new Map<string, number>();
  const started = Date.now();
  for (let start = 0; start < changes.length; start += COMMIT_BATCH) {
    const batch = changes.slice(start, start + COMMIT_BATCH);
    await setMasterPrices(
      ctx.orm,
      organizationId,
      batch.map(({ variantId, i }) => ({ variantId, price: 1000 + 25 * ((i + ctx.round) % 400) })),
    );
    const at = Date.now();
    for (const change of batch) committedAt.set(change.variantId, at);
  }
  const total = changes.length;
  for (;;) {
    const [row] = await sqlRows<{ n: number }>(
      ctx.orm.em.fork(),
      `select count(*)::int as n from listing where sync_state = 'in_sync' and synced_version = desired_version`,
    );
    if ((row?.n ?? 0) >= total) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const appliedAll = Date.now();
  // The jobs of listings another job already pushed still run (and find nothing to do): the
  // worker's rate counts every job until the queue is empty.
  for (;;) {
    const [row] = await sqlRows<{ n: number }>(
      ctx.orm.em.fork(),
      `select count(*)::int as n from graphile_worker._private_jobs j
         join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'sync-listing'`,
    );
    if ((row?.n ?? 0) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const drained = Date.now();
  const applied = await sqlRows<{ variant_id: string; at: number }>(
    ctx.orm.em.fork(),
    `select variant_id::text, (extract(epoch from last_synced_at) * 1000)::float8 as at from listing`,
  );
  await stopWorker(worker, { timeoutMs: 10_000, logger });
  await pool.end();
  jobMs.sort((a, b) => a - b);
  print(
    `  job time p50 ${percentile(jobMs, 0.5).toFixed(1)} ms, p95 ${percentile(jobMs, 0.95).toFixed(1)} ms, max ${(jobMs.at(-1) ?? 0).toFixed(0)} ms; busy ${(jobMs.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} job-seconds`,
  );
  const latencies = applied.map((row) => row.at - (committedAt.get(row.variant_id) ?? row.at)).sort((a, b) => a - b);
  const finished = Math.min(appliedAll, Math.max(...applied.map((row) => row.at)));
  const seconds = (finished - started) / 1000;
  const callsAfter = (await Promise.all(ctx.fixtures.map((f) => simCalls(ctx.sim, f)))).reduce((a, b) => a + b, 0);
  return {
    label,
    started,
    listings: total,
    seconds,
    listingsPerSecond: total / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    jobs,
    jobsPerSecond: jobs / ((drained - started) / 1000),
    calls: callsAfter,
  };
}

/** One edit at a time on an idle system: commit → applied on the simulator (listing recorded in sync). */
async function idleLatency(
  ctx: { url: string; orm: Orm; channels: ChannelDeps; fixtures: SyncFixture[] },
  edits: number,
): Promise<{ p50: number; p95: number }> {
  const pool = new pg.Pool({ connectionString: ctx.url, max: poolSizeFor(CONCURRENCY) + 2 });
  pool.on("error", (err) => logger.error({ err }, "bench pool"));
  pool.on("connect", (client) => client.on("error", (err) => logger.error({ err }, "bench client")));
  const deps: JobDeps = {
    orm: ctx.orm,
    realtime: createRealtimeEmitter(pool),
    mailer: createMailer({ from: "bench <bench@example.test>", logger }),
    logger,
    webUrl: "http://localhost:3000",
    channels: ctx.channels,
    sync: defaultSyncSettings,
  };
  const worker = await startWorker({
    pgPool: pool,
    taskList: createTaskList(deps),
    crontab: "",
    logger,
    tuning: { concurrency: CONCURRENCY },
  });
  const times: number[] = [];
  for (let i = 0; i < edits; i++) {
    const fixture = ctx.fixtures[i % ctx.fixtures.length]!;
    const variantId = fixture.variantIds[i]!;
    const listingId = fixture.listingIds[i]!;
    await setMasterPrices(ctx.orm, fixture.organizationId, [{ variantId, price: 5000 + 25 * i }]);
    const committed = performance.now();
    for (;;) {
      const [row] = await sqlRows<{ done: boolean }>(
        ctx.orm.em.fork(),
        `select sync_state = 'in_sync' and synced_version = desired_version as done from listing where id = $1`,
        [listingId],
      );
      if (row?.done) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    times.push(performance.now() - committed);
  }
  await stopWorker(worker, { timeoutMs: 10_000, logger });
  await pool.end();
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

/** graphile-worker's own ceiling on this database: no-op jobs at the same concurrency and settings. */
async function noopRate(url: string, count: number): Promise<number> {
  const utils = await makeWorkerUtils({ connectionString: url });
  for (let done = 0; done < count; done += 1_000)
    await utils.addJobs(
      Array.from({ length: Math.min(1_000, count - done) }, () => ({ identifier: "bench-noop", payload: {} })),
    );
  await utils.release();
  const pool = new pg.Pool({ connectionString: url, max: poolSizeFor(CONCURRENCY) + 2 });
  pool.on("error", (err) => logger.error({ err }, "bench pool"));
  pool.on("connect", (client) => client.on("error", (err) => logger.error({ err }, "bench client")));
  let executed = 0;
  let first = 0;
  let allDone!: () => void;
  const done = new Promise<void>((resolve) => (allDone = resolve));
  const worker = await startWorker({
    pgPool: pool,
    taskList: {
      "bench-noop": async () => {
        if (executed === 0) first = performance.now();
        if (++executed === count) allDone();
      },
    },
    crontab: "",
    logger,
    tuning: { concurrency: CONCURRENCY },
    heartbeat: false,
  });
  await done;
  for (;;) {
    const { rows } = await pool.query<{ n: string }>(`select count(*) as n from graphile_worker._private_jobs`);
    if (rows[0]?.n === "0") break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const seconds = (performance.now() - first) / 1000;
  await stopWorker(worker, { timeoutMs: 5_000, logger });
  await pool.end();
  return count / seconds;
}

function printRun(result: RunResult, ceiling: number): void {
  print(
    `${result.label}: ${result.listings} listings in ${result.seconds.toFixed(1)} s = ${result.listingsPerSecond.toFixed(0)} listings/s; ` +
      `commit→applied p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms; ` +
      `${result.jobs} jobs = ${result.jobsPerSecond.toFixed(0)} jobs/s (${((result.jobsPerSecond / ceiling) * 100).toFixed(0)}% of the no-op ceiling); ` +
      `${result.calls} platform calls`,
  );
}

async function main(): Promise<void> {
  const [database, sim] = await Promise.all([benchDatabase("sync"), startSimulator("41")]);
  let orm: Orm | undefined;
  try {
    await migrateDatabase(database.url);
    orm = await createOrm(database.url, { pool: { min: 0, max: CONCURRENCY + 6 } });
    const channels = channelDepsFor(sim, testChannelEnv);
    const organizationId = "org-bench-sync";
    print(
      `Seeding 2 shops × ${PRODUCTS} products × ${VARIANTS} variants (${2 * PRODUCTS * VARIANTS} listings), concurrency ${CONCURRENCY}...`,
    );
    const fixtures = [
      await seedSyncFixture(orm, sim, channels, {
        organizationId,
        platform: "shopee",
        products: PRODUCTS,
        variants: VARIANTS,
      }),
      await seedSyncFixture(orm, sim, channels, {
        organizationId,
        platform: "tiktok",
        products: PRODUCTS,
        variants: VARIANTS,
      }),
    ];
    const ctx = { url: database.url, orm, sim, channels, fixtures, round: 0 };
    const ceiling = await noopRate(database.url, 2 * PRODUCTS * VARIANTS);
    print(`graphile-worker no-op ceiling on this database: ${ceiling.toFixed(0)} jobs/s`);

    for (const fixture of fixtures)
      await sim.admin("PUT", `/shops/${fixture.platform}/${fixture.shopId}/faults`, {
        rateLimitPerSecond: null,
        latencyMs: 0,
      });
    const idle = await idleLatency(ctx, 20);
    print(`one edit at a time, idle: commit→applied p50 ${idle.p50.toFixed(0)} ms, p95 ${idle.p95.toFixed(0)} ms`);
    const unlimited = await syncRun(
      "no injected limits",
      { ...ctx, round: 1 },
      {
        ...defaultSyncSettings,
        rateLimits: { shopee: null, tiktok: null },
      },
    );
    printRun(unlimited, ceiling);

    await sim.admin("PUT", `/shops/shopee/${fixtures[0]!.shopId}/faults`, {
      rateLimitPerSecond: SIM_LIMITS.shopee,
      latencyMs: 50,
    });
    await sim.admin("PUT", `/shops/tiktok/${fixtures[1]!.shopId}/faults`, {
      rateLimitPerSecond: SIM_LIMITS.tiktok,
      latencyMs: 50,
    });
    const limited = await syncRun(
      "realistic limits (Shopee 20/s, TikTok 50/s per API, 50 ms latency)",
      { ...ctx, round: 2 },
      defaultSyncSettings,
    );
    printRun(limited, ceiling);
    // The floor the platforms' limits set: each product's price change is one call carrying all its
    // models (Shopee update_price, TikTok's price update per product), so a shop needs
    // PRODUCTS / (its calls per second) seconds; the slower shop sets the floor.
    const floor = Math.max(PRODUCTS / SIM_LIMITS.shopee, PRODUCTS / SIM_LIMITS.tiktok);
    // Our limiter paces below the platforms' limits (settings.ts): its own floor, for the overhead.
    const paced = Math.max(
      PRODUCTS / (defaultSyncSettings.rateLimits.shopee ?? SIM_LIMITS.shopee),
      PRODUCTS / (defaultSyncSettings.rateLimits.tiktok ?? SIM_LIMITS.tiktok),
    );
    print(
      `  floor set by the limits: ${floor.toFixed(1)} s (Shopee ${SIM_LIMITS.shopee} calls/s × ${VARIANTS} models per call); ` +
        `our limiter's pace alone takes ${paced.toFixed(1)} s = ${(paced / floor).toFixed(2)} × the floor; ` +
        `this run ${limited.seconds.toFixed(1)} s = ${(limited.seconds / floor).toFixed(2)} × the floor; goal ≤ 1.2 ×: ` +
        `${limited.seconds <= 1.2 * floor ? "met" : "MISSED"}`,
    );
    print(
      `  no injected limits: ${(unlimited.jobsPerSecond / ceiling).toFixed(2)} × the no-op job ceiling ` +
        `(${unlimited.jobsPerSecond.toFixed(0)} of ${ceiling.toFixed(0)} jobs/s)`,
    );
    for (const fixture of fixtures) {
      const stats = await sim.admin<SimTraffic>("GET", `/shops/${fixture.platform}/${fixture.shopId}/requests`);
      print(
        `  ${fixture.platform}: rate-limited answers ${stats.rejected}; most calls in one second per API ${JSON.stringify(stats.maxPerSecondByApi)}`,
        `    calls per second from the first commit: ${perSecond(stats, limited.started)}`,
      );
    }
  } finally {
    await orm?.close(true);
    await closeChannelAgent();
    sim.stop();
    await database.drop();
  }
}

await main();
