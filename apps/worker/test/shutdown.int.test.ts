import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import { type TaskList } from "graphile-worker";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../src/logger";
import { startWorker, stopWorker, type StartedWorker } from "../src/runner";

let database: TestDatabase;
let pool: pg.Pool;
let worker: StartedWorker;
const timers: NodeJS.Timeout[] = [];
const logger = createLogger("silent");

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    timers.push(setTimeout(resolve, ms));
  });

interface JobRow {
  id: string;
  task: string;
  attempts: number;
  locked_at: Date | null;
  last_error: string | null;
}

async function jobs(): Promise<JobRow[]> {
  const { rows } = await pool.query<JobRow>(
    `select j.id::text, t.identifier as task, j.attempts, j.locked_at, j.last_error
       from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      order by j.id`,
  );
  return rows;
}

async function addJob(task: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>("select (graphile_worker.add_job($1)).id::text as id", [task]);
  return rows[0]!.id;
}

function start(taskList: TaskList): Promise<StartedWorker> {
  return startWorker({ pgPool: pool, taskList, crontab: "", logger, tuning: { concurrency: 1 } });
}

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 12 });
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", () => undefined));
});

afterEach(async () => {
  await pool.query("delete from graphile_worker._private_jobs");
});

afterAll(async () => {
  for (const timer of timers) clearTimeout(timer);
  await pool.end();
  await database.drop();
});

describe("tuned settings", () => {
  it("starts a lone new job on its notification, not at the next poll", async () => {
    let started!: () => void;
    const ran = new Promise<void>((resolve) => (started = resolve));
    worker = await start({ ping: async () => started() });
    await sleep(300); // the local queue has polled once and found nothing
    const enqueuedAt = performance.now();
    await addJob("ping");
    await ran;
    expect(performance.now() - enqueuedAt).toBeLessThan(1_000); // the poll interval is 2 s
    await stopWorker(worker, { timeoutMs: 5_000, logger });
  });
});

describe("graceful shutdown", () => {
  it("finishes the job in flight, hands queued jobs back and leaves nothing locked", async () => {
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    let finished = false;
    let aborted = false;
    worker = await start({
      slow: async (_payload, helpers) => {
        started();
        await sleep(1_000);
        aborted = helpers.abortSignal?.aborted ?? false;
        finished = true;
      },
      quick: async () => undefined,
    });
    const slowId = await addJob("slow");
    await inFlight;
    // Queued behind the running job (concurrency 1); the local queue may already hold them locked.
    await Promise.all([addJob("quick"), addJob("quick"), addJob("quick")]);
    await sleep(100);
    const lockedBefore = (await jobs()).filter((job) => job.task === "quick" && job.locked_at !== null);
    expect(lockedBefore.length).toBeGreaterThan(0); // held in the local queue, not yet started

    const outcome = await stopWorker(worker, { timeoutMs: 10_000, logger });

    expect(outcome).toBe("graceful");
    expect(finished).toBe(true);
    expect(aborted).toBe(false);
    const left = await jobs();
    expect(left.find((job) => job.id === slowId)).toBeUndefined(); // completed, hence deleted
    expect(left.every((job) => job.locked_at === null)).toBe(true);
    expect(left.map((job) => job.task)).toEqual(["quick", "quick", "quick"]);
    expect(left.every((job) => job.attempts === 0)).toBe(true); // handed back, not counted as tries
  });

  it("fails a job that outlives the shutdown timeout so it retries, and unlocks it", async () => {
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    worker = await start({
      stuck: async () => {
        started();
        await sleep(30_000); // ignores the abort signal on purpose
      },
    });
    const stuckId = await addJob("stuck");
    await inFlight;

    const outcome = await stopWorker(worker, { timeoutMs: 300, logger });

    expect(outcome).toBe("forced");
    const [job] = await jobs();
    expect(job).toMatchObject({ id: stuckId, attempts: 1, locked_at: null });
    expect(job?.last_error).toBeTruthy();
  });
});

describe("the worker process", () => {
  it("exits 0 on SIGTERM after stopping cleanly", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", fileURLToPath(new URL("../src/main.ts", import.meta.url))],
      {
        env: {
          ...process.env,
          NODE_ENV: "test",
          DATABASE_URL: database.url,
          BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
          TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
          WORKER_CRON: "false",
          LOG_LEVEL: "info",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

    for (let waited = 0; !output.includes('"worker started"'); waited += 100) {
      if (waited > 15_000 || child.exitCode !== null) throw new Error(`worker did not start:\n${output}`);
      await sleep(100);
    }
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain('"worker stopped"');
    expect(output).toContain('"outcome":"graceful"');
  });
});
