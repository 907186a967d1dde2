import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { migrateDatabase } from "@syncstore/db";
import { findFreePort, startEmbeddedPostgres, type RunningPostgres } from "@syncstore/postgres/embedded-postgres";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postShopee, shopeeBody, startWebhookGateway, testPool, type TestGateway } from "../webhook-helpers";

/*
 * Failure drill: PostgreSQL restarted in the middle of a signed webhook flood, on a PostgreSQL of
 * the drill's own (embedded, never the shared server). While it is down the gateway answers 503;
 * every event it acknowledged is stored exactly once with one job; a real worker process, running
 * through the restart, reconnects by itself and processes everything.
 */
const shopId = "5560001";
let postgres: RunningPostgres;
let port: number;
let pool: pg.Pool;
let gateway: TestGateway;
let worker: ChildProcess | undefined;
let workerOutput = "";
const name = `drill-pg-restart-${process.pid}`;

async function startPostgres(fresh: boolean): Promise<RunningPostgres> {
  return startEmbeddedPostgres({ name, port, portVariable: "DRILL_PG_PORT", fresh, ephemeral: true });
}

beforeAll(async () => {
  port = await findFreePort();
  postgres = await startPostgres(true);
  await migrateDatabase(postgres.url);
  pool = testPool(postgres.url, 10);
  pool.on("connect", (client) => client.on("error", () => undefined));
  const organizationId = randomUUID();
  await pool.query(`insert into organization (id, name, slug) values ($1, 'Drill', $1)`, [organizationId]);
  // The shop needs re-authorization: processing applies the events' own data, no marketplace call.
  await pool.query(
    `insert into channel_connection (id, organization_id, platform, external_shop_id, name, status)
     values (gen_random_uuid(), $1, 'shopee', $2, 'Drill shop', 'needs_reauth')`,
    [organizationId, shopId],
  );
  gateway = await startWebhookGateway(pool, { batch: { commitTimeoutMs: 1_000 } });
  worker = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("../../../worker/src/main.ts", import.meta.url))],
    {
      env: {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_URL: postgres.url,
        BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
        TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        WORKER_CRON: "false",
        WORKER_CONCURRENCY: "4",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  worker.stdout?.on("data", (chunk: Buffer) => (workerOutput += chunk.toString()));
  worker.stderr?.on("data", (chunk: Buffer) => (workerOutput += chunk.toString()));
}, 120_000);

afterAll(async () => {
  worker?.kill("SIGKILL");
  await gateway?.close().catch(() => undefined);
  await pool?.end().catch(() => undefined);
  await postgres?.stop();
  if (postgres) rmSync(postgres.dataDir, { recursive: true, force: true });
});

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const started = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out waiting for ${what}\n${workerOutput.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("PostgreSQL restarted during a webhook flood", () => {
  it("answers 503 while it is down, stores every acknowledged event once, and the worker processes all", async () => {
    const acknowledged = new Set<string>();
    const statuses = new Map<number, number>();
    let stop = false;
    let sent = 0;
    let firstUnavailable: () => void = () => undefined;
    const unavailable = new Promise<void>((resolve) => (firstUnavailable = resolve));
    const sender = async () => {
      while (!stop) {
        const id = `drill-${++sent}`;
        const response = await postShopee(gateway, shopeeBody(shopId, { msg_id: id })).catch(() => null);
        const status = response?.status ?? 0;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 200) acknowledged.add(id);
        if (status === 503) firstUnavailable();
      }
    };
    const senders = Array.from({ length: 8 }, () => sender());

    await waitUntil("some events acknowledged", async () => acknowledged.size >= 50);
    await postgres.stop();
    await unavailable;
    const downFor = acknowledged.size;
    postgres = await startPostgres(false);
    await waitUntil("events acknowledged again after the restart", async () => acknowledged.size >= downFor + 50);
    stop = true;
    await Promise.all(senders);

    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect([...statuses.keys()].every((status) => [0, 200, 503].includes(status))).toBe(true);
    const { rows } = await pool.query<{ event_key: string; n: number; jobs: number }>(
      `select w.event_key, count(*)::int as n from webhook_event w where w.event_key like 'drill-%' group by w.event_key`,
    );
    const stored = new Map(rows.map((row) => [row.event_key, row.n]));
    for (const id of acknowledged) expect(stored.get(id), id).toBe(1);

    await waitUntil(
      "the worker to process every stored event",
      async () =>
        (
          await pool.query<{ n: number }>(
            `select count(*)::int as n from webhook_event where event_key like 'drill-%' and status in ('received', 'processing')`,
          )
        ).rows[0]?.n === 0,
    );
    const outcome = await pool.query<{ status: string; n: number }>(
      `select status, count(*)::int as n from webhook_event where event_key like 'drill-%' group by status`,
    );
    expect(outcome.rows).toEqual([{ status: "processed", n: stored.size }]);
  }, 300_000);
});
