import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { parseEnv } from "@syncstore/config";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import { testChannelEnv } from "@syncstore/channels/testing";
import { waitFor } from "@syncstore/services/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../src/logger";
import { startWorkerProcess, type WorkerProcess } from "../src/process";

/*
 * The worker process as main.ts runs it, in this process: configuration, the production task
 * list against a real database, and the graceful stop that closes its pools.
 */

let database: TestDatabase;
let client: pg.Pool;
let started: WorkerProcess | undefined;
const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split("\n").filter(Boolean))
      lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Pool({ connectionString: database.url, max: 2 });
});

afterAll(async () => {
  await started?.stop("SIGTERM");
  await client?.end();
  await database?.drop();
});

describe("worker process", () => {
  it("runs queued jobs with the production task list, then stops gracefully and closes its pools", async () => {
    const config = parseEnv({
      NODE_ENV: "test",
      DATABASE_URL: database.url,
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
      TOKEN_ENCRYPTION_KEY: testChannelEnv.TOKEN_ENCRYPTION_KEY,
      TOKEN_ENCRYPTION_KEY_ID: testChannelEnv.TOKEN_ENCRYPTION_KEY_ID,
      WORKER_CRON: "false",
      WORKER_CONCURRENCY: "2",
    });
    await client.query(
      `insert into verification (id, identifier, value, expires_at, created_at, updated_at)
       values ('expired', 'a@example.test', 'x', now() - interval '1 hour', now(), now()),
              ('current', 'b@example.test', 'y', now() + interval '1 hour', now(), now())`,
    );
    await client.query(`select graphile_worker.add_job('prune-auth-records', '{}'::json)`);

    started = await startWorkerProcess({
      config,
      logger: createLogger("info", sink),
      tracingEnv: { NODE_ENV: "test" },
    });
    expect(lines.find((line) => line.msg === "worker started")).toMatchObject({
      concurrency: 2,
      cron: false,
      tracing: "none",
    });

    await waitFor("the housekeeping job done", async () => {
      const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from graphile_worker.jobs`);
      return rows[0]?.n === 0 ? true : undefined;
    });
    const { rows } = await client.query<{ id: string }>(`select id from verification order by id`);
    expect(rows.map((row) => row.id)).toEqual(["current"]);
    // The heartbeat registered this worker.
    const beats = await client.query<{ n: number }>(`select count(*)::int as n from worker_heartbeat`);
    expect(beats.rows[0]?.n).toBeGreaterThan(0);

    const stopping = started.stop("SIGTERM");
    expect(started.stop("SIGINT")).toBe(stopping);
    expect(await stopping).toBe("graceful");
    expect(started.pool.ended).toBe(true);
    expect(lines.find((line) => line.msg === "worker stopped")).toMatchObject({ outcome: "graceful" });
    expect(lines.filter((line) => line.msg === "worker shutting down: finishing running jobs")).toHaveLength(1);
  });
});
