import { closeChannelAgent } from "@syncstore/channels";
import { startSimulator, type RunningSimulator } from "@syncstore/channels/testing";
import { createOrm, sqlRows, type Orm } from "@syncstore/db";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueue } from "../enqueue";
import type { TaskName } from "../payloads";
import { startTestWorker, waitFor, type TestWorker } from "../testing/sync";
import { channelDepsFor, connectShop, createOrganization, type ConnectedShop } from "../testing/webhooks";

/*
 * The worker's schedule (its crontab) through the production task list: each cron task enqueued as
 * the schedule does, run by a real graphile-worker runner against PostgreSQL and the simulator over
 * HTTP. The fan-out tasks queue their per-shop jobs, which run too: a performance pull, a
 * reconciliation pass and a token refresh of a connected simulator shop.
 */

let database: TestDatabase;
let orm: Orm;
let sim: RunningSimulator;
let shop: ConnectedShop;
let worker: TestWorker | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  orm = await createOrm(database.url, { pool: { min: 0, max: 8 } });
  sim = await startSimulator("83");
  const organizationId = await createOrganization(orm.em.fork(), "Schedule Goods");
  shop = await connectShop(orm.em.fork(), sim, channelDepsFor(sim), organizationId, "shopee", 1);
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await closeChannelAgent();
  sim?.stop();
  await orm?.close(true);
  await database?.drop();
});

const CRON_TASKS: TaskName[] = [
  "prune-auth-records",
  "prune-catalog-imports",
  "prune-webhook-events",
  "refresh-channel-tokens",
  "reconcile-channels",
  "schedule-performance-pulls",
  "rollup-analytics",
  "send-scheduled-reports",
  "prune-report-files",
];

interface JobRow {
  task: string;
  attempts: number;
  last_error: string | null;
}

async function jobs(): Promise<JobRow[]> {
  return sqlRows<JobRow>(
    orm.em.fork(),
    `select t.identifier as task, j.attempts, j.last_error
       from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id`,
  );
}

describe("the worker's schedule", () => {
  it("runs every cron task, and the per-shop jobs they fan out, without a failure", async () => {
    const [before] = await sqlRows<{ access_expires_at: Date }>(
      orm.em.fork(),
      `update channel_connection set access_expires_at = now() + interval '1 minute' where id = $1
       returning access_expires_at`,
      [shop.connectionId],
    );
    await orm.em.fork().transactional(async (tx) => {
      for (const task of CRON_TASKS) await enqueue(tx, task, {} as never);
    });

    worker = await startTestWorker(orm, database.url, channelDepsFor(sim), { concurrency: 2 });
    // Done when the queue is empty; a failed job stays with its error (and would be retried later).
    const failed = await waitFor("the schedule's jobs to finish", async () => {
      const left = await jobs();
      const errors = left.filter((job) => job.last_error !== null);
      if (errors.length > 0) return errors;
      return left.length === 0 ? [] : undefined;
    });
    expect(failed).toEqual([]);
    await worker.stop();
    worker = undefined;

    // The token refresh ran: the access token expiring in a minute was renewed.
    const [after] = await sqlRows<{ access_expires_at: Date; status: string }>(
      orm.em.fork(),
      `select access_expires_at, status from channel_connection where id = $1`,
      [shop.connectionId],
    );
    expect(after?.status).toBe("active");
    expect(new Date(after!.access_expires_at).getTime()).toBeGreaterThan(
      new Date(before!.access_expires_at).getTime() + 60 * 60_000,
    );
    // The performance pull ran for the shop and finished.
    const [pull] = await sqlRows<{ status: string; finished_at: Date | null }>(
      orm.em.fork(),
      `select status, finished_at from analytics_pull where connection_id = $1`,
      [shop.connectionId],
    );
    expect(pull?.finished_at).not.toBeNull();
    expect(pull?.status).toBe("succeeded");
  }, 90_000);
});
