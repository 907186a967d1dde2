/**
 * No-op job throughput: graphile-worker's defaults vs our tuned settings (local queue, batched
 * completion, Node time), at the same concurrency, on the same database.
 *
 *   pnpm --filter @syncstore/worker bench
 *
 * Uses BENCH_DATABASE_URL or DATABASE_URL when set (jobs go to a separate schema,
 * `graphile_worker_bench`, dropped afterwards, so real queues are untouched); otherwise a
 * throwaway embedded PostgreSQL. BENCH_JOBS (default 20000) and BENCH_CONCURRENCY (default
 * WORKER_CONCURRENCY or 10) size each run; BENCH_ROUNDS (default 3) alternates the two modes and
 * reports the median, which keeps a busy machine from deciding the result.
 */
import { rm } from "node:fs/promises";
import { print } from "@syncstore/postgres/report";
import { findFreePort, startEmbeddedPostgres, type RunningPostgres } from "@syncstore/postgres/embedded-postgres";
import { makeWorkerUtils, run, type AddJobsJobSpec } from "graphile-worker";
import pg from "pg";
import { createLogger, graphileLogger } from "../src/logger";
import { defaultPreset, poolSizeFor, tunedPreset } from "../src/settings";

const SCHEMA = "graphile_worker_bench";
const jobs = Number(process.env.BENCH_JOBS ?? 20_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? process.env.WORKER_CONCURRENCY ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const batchSize = 1_000;
const logger = graphileLogger(createLogger("warn"));

interface Result {
  mode: string;
  seconds: number;
  jobsPerSecond: number;
  enqueuePerSecond: number;
}

async function enqueue(connectionString: string): Promise<number> {
  const utils = await makeWorkerUtils({ connectionString, schema: SCHEMA, logger });
  try {
    await utils.migrate();
    const started = performance.now();
    for (let done = 0; done < jobs; done += batchSize) {
      const specs: AddJobsJobSpec[] = Array.from({ length: Math.min(batchSize, jobs - done) }, () => ({
        identifier: "noop",
        payload: {},
      }));
      await utils.addJobs(specs);
    }
    return jobs / ((performance.now() - started) / 1000);
  } finally {
    await utils.release();
  }
}

async function measure(connectionString: string, mode: "default" | "tuned"): Promise<Result> {
  const enqueuePerSecond = await enqueue(connectionString);
  const pool = new pg.Pool({ connectionString, max: poolSizeFor(concurrency) });
  pool.on("error", (err) => console.error(`${mode} pool:`, err.message));
  pool.on("connect", (client) => client.on("error", (err) => console.error(`${mode} client:`, err.message)));
  let executed = 0;
  let firstStart = 0;
  let allRan!: () => void;
  const ran = new Promise<void>((resolve) => (allRan = resolve));
  const base = mode === "tuned" ? tunedPreset({ concurrency }) : defaultPreset({ concurrency });
  const runner = await run({
    pgPool: pool,
    logger,
    noHandleSignals: true,
    crontab: "",
    preset: { ...base, worker: { ...base.worker, schema: SCHEMA } },
    taskList: {
      noop: async () => {
        if (executed === 0) firstStart = performance.now();
        if (++executed === jobs) allRan();
      },
    },
  });
  await ran;
  // Batched completions may still be in flight: the run ends when the queue is empty.
  for (;;) {
    const { rows } = await pool.query<{ left: string }>(`select count(*) as left from ${SCHEMA}._private_jobs`);
    if (rows[0]?.left === "0") break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const seconds = (performance.now() - firstStart) / 1000;
  await runner.stop();
  await pool.end();
  return { mode, seconds, jobsPerSecond: jobs / seconds, enqueuePerSecond };
}

async function main(): Promise<void> {
  let embedded: RunningPostgres | undefined;
  let url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) {
    print("No DATABASE_URL: starting a throwaway embedded PostgreSQL (fsync off)...");
    embedded = await startEmbeddedPostgres({
      name: "bench-pg",
      port: await findFreePort(),
      portVariable: "BENCH_DATABASE_URL",
      database: "bench",
      fresh: true,
      ephemeral: true,
    });
    url = embedded.url;
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const dropSchema = () => admin.query(`drop schema if exists ${SCHEMA} cascade`);
  try {
    await dropSchema();
    print(`${jobs} no-op jobs, concurrency ${concurrency}, one worker process, ${rounds} round(s)`);
    const runs: Record<"default" | "tuned", Result[]> = { default: [], tuned: [] };
    for (let round = 1; round <= rounds; round++) {
      for (const mode of ["default", "tuned"] as const) {
        const result = await measure(url, mode);
        runs[mode].push(result);
        print(
          `  round ${round} ${mode.padEnd(8)} ${result.jobsPerSecond.toFixed(0).padStart(7)} jobs/s  ` +
            `(${result.seconds.toFixed(2)} s; enqueued at ${result.enqueuePerSecond.toFixed(0)} jobs/s)`,
        );
      }
    }
    const baseline = median(runs.default.map((run) => run.jobsPerSecond));
    const tuned = median(runs.tuned.map((run) => run.jobsPerSecond));
    print(`median default ${baseline.toFixed(0)} jobs/s, tuned ${tuned.toFixed(0)} jobs/s`);
    print(`tuned / default: ${(tuned / baseline).toFixed(1)}x`);
  } finally {
    await dropSchema().catch(() => undefined);
    await admin.end();
    if (embedded) {
      await embedded.stop();
      await rm(embedded.dataDir, { recursive: true, force: true });
      await rm(embedded.logFile, { force: true });
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

await main();
