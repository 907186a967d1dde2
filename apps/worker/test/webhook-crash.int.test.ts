import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import { WEBHOOK_PROCESS_MAX_ATTEMPTS, WEBHOOK_PROCESS_TASK, webhookProcessJobKey } from "@syncstore/services";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/*
 * A burst of acknowledged webhook events (stored and enqueued in one transaction per batch, as the
 * gateway's group commit does) is processed by real worker processes; the first is killed with
 * SIGKILL mid-burst, a second one starts, and every event ends processed exactly once in effect.
 * The shop's token is revoked, so processing applies the events' own order states without calling
 * the marketplace (the simulator-backed paths are covered in packages/services).
 */

const EVENTS = 240;
const BATCH = 30;

let database: TestDatabase;
let pool: pg.Pool;
let organizationId: string;
let connectionId: string;
const children: ChildProcess[] = [];
const secret = randomBytes(32).toString("base64url");
const key = randomBytes(32).toString("base64");

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function startWorker(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("../src/main.ts", import.meta.url))],
    {
      env: {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_URL: database.url,
        BETTER_AUTH_SECRET: secret,
        TOKEN_ENCRYPTION_KEY: key,
        WORKER_CRON: "false",
        WORKER_CONCURRENCY: "4",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(sql, params);
  return rows[0]?.n ?? 0;
}

/** One gateway group commit: the batch's rows and their jobs in one transaction. */
async function acknowledge(from: number, size: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const events = Array.from({ length: size }, (_, i) => {
      const n = from + i;
      const orderId = `CRASH${String(n).padStart(5, "0")}`;
      return {
        id: randomUUID(),
        key: `crash-${n}`,
        body: JSON.stringify({
          msg_id: `crash-${n}`,
          code: 3,
          shop_id: 5550001,
          timestamp: 1_700_000_000 + n,
          data: { ordersn: orderId, status: "READY_TO_SHIP", update_time: 1_700_000_000 + n },
        }),
      };
    });
    await client.query(
      `insert into webhook_event (id, organization_id, connection_id, platform, event_key, event_type, external_shop_id, body)
       select e.id, $1, $2, 'shopee', e.key, 'order.paid', '5550001', e.body
         from json_to_recordset($3::json) as e(id uuid, key text, body text)`,
      [organizationId, connectionId, JSON.stringify(events)],
    );
    await client.query(
      `select graphile_worker.add_jobs(array(
         select row($1::text, json_build_object('eventId', e.id), null, null, $3::int, $2::text || e.id, null, null)::graphile_worker.job_spec
           from json_to_recordset($4::json) as e(id uuid)))`,
      [WEBHOOK_PROCESS_TASK, webhookProcessJobKey(""), WEBHOOK_PROCESS_MAX_ATTEMPTS, JSON.stringify(events)],
    );
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  } finally {
    client.release();
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 6 });
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", () => undefined));
  organizationId = randomUUID();
  connectionId = randomUUID();
  await pool.query(`insert into organization (id, name, slug) values ($1, 'Crash Goods', $1)`, [organizationId]);
  await pool.query(
    `insert into channel_connection (id, organization_id, platform, external_shop_id, name, status)
     values ($1, $2, 'shopee', '5550001', 'Crash shop', 'needs_reauth')`,
    [connectionId, organizationId],
  );
}, 60_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await pool?.end();
  await database?.drop();
});

describe("webhook processing survives a killed worker", () => {
  it("processes every acknowledged event exactly once in effect", async () => {
    const first = startWorker();
    await waitFor("the worker to start", async () => first.output().includes('"worker started"'), 30_000);

    // The burst: batches keep arriving while the worker runs; it is killed mid-burst.
    let sent = 0;
    for (; sent < EVENTS / 2; sent += BATCH) await acknowledge(sent, BATCH);
    await waitFor("some events to be processed", async () => {
      return (await count(`select count(*)::int as n from webhook_event where status = 'processed'`)) >= BATCH;
    });
    first.child.kill("SIGKILL");
    await first.exited;
    const processedAtKill = await count(`select count(*)::int as n from webhook_event where status = 'processed'`);
    for (; sent < EVENTS; sent += BATCH) await acknowledge(sent, BATCH);
    expect(processedAtKill).toBeLessThan(EVENTS);

    // What the heartbeat watchdog does for a worker that fell silent: hand its locked jobs back.
    const { rows: dead } = await pool.query<{ locked_by: string }>(
      `select distinct locked_by from graphile_worker._private_jobs where locked_by is not null`,
    );
    await pool.query(`select graphile_worker.force_unlock_workers($1::text[])`, [dead.map((row) => row.locked_by)]);

    const second = startWorker();
    await waitFor(
      "every event to be processed",
      async () => (await count(`select count(*)::int as n from webhook_event where status = 'processed'`)) === EVENTS,
      90_000,
    );
    await waitFor(
      "the queue to drain",
      async () => (await count(`select count(*)::int as n from graphile_worker._private_jobs`)) === 0,
    );
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);

    expect(await count(`select count(*)::int as n from webhook_event where processed_at is null`)).toBe(0);
    expect(await count(`select count(*)::int as n from channel_order where connection_id = $1`, [connectionId])).toBe(
      EVENTS,
    );
    expect(
      await count(`select count(distinct external_order_id)::int as n from channel_order where connection_id = $1`, [
        connectionId,
      ]),
    ).toBe(EVENTS);
    expect(
      await count(`select count(*)::int as n from channel_order where connection_id = $1 and status <> 'paid'`, [
        connectionId,
      ]),
    ).toBe(0);
  }, 180_000);
});
