import { closeChannelAgent } from "@syncstore/channels";
import { startSimulator, type RunningSimulator } from "@syncstore/channels/testing";
import { createOrm, sqlRows, type Orm } from "@syncstore/db";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import { startTestWorker, type TestWorker } from "@syncstore/services/testing";
import { channelDepsFor, connectShop, createOrganization } from "@syncstore/services/testing/webhooks";
import { startTracing, type Tracing } from "@syncstore/services/tracing";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { SpanKind } from "@opentelemetry/api";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postShopee, shopeeBody, startWebhookGateway, testPool, waitFor, type TestGateway } from "./webhook-helpers";

/*
 * One trace from the marketplace's webhook to its processing: the production tracing setup
 * exporting to the SDK's in-memory exporter, the simulator delivering a signed order webhook to the
 * gateway over HTTP, and a real graphile-worker runner processing the stored event (which asks the
 * simulator for the order). The job's span is a child of the webhook request's server span.
 */

const memory = new InMemorySpanExporter();
let tracing: Tracing;
let database: TestDatabase;
let pool: pg.Pool;
let orm: Orm;
let sim: RunningSimulator;
let gateway: TestGateway;
let worker: TestWorker | undefined;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  tracing = startTracing({ serviceName: "syncstore-test", exporter: memory });
  database = await createTestDatabase();
  pool = testPool(database.url);
  orm = await createOrm(database.url, { pool: { min: 0, max: 6 } });
  sim = await startSimulator("73", { SIM_WEBHOOK_TIME_SCALE: "0.001" });
  cleanups.push(async () => sim.stop());
  gateway = await startWebhookGateway(pool);
  cleanups.push(() => gateway.close());
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await closeChannelAgent();
  await orm?.close(true);
  await pool?.end();
  await database?.drop();
  await tracing?.shutdown();
});

const JOBS = `graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
               where t.identifier = 'process-webhook-event'`;

const serverSpans = () =>
  memory.getFinishedSpans().filter((span) => span.kind === SpanKind.SERVER && span.name === "POST /webhooks/shopee");

describe("tracing through the gateway", () => {
  it("makes a verified webhook request's server span the parent of its processing job's span", async () => {
    const channels = channelDepsFor(sim);
    const organizationId = await createOrganization(orm.em.fork(), "Traced Webhooks Co");
    const shop = await connectShop(orm.em.fork(), sim, channels, organizationId, "shopee", 1);
    const product = shop.products[0]!;
    // Webhooks reach the gateway from now on, once the shop is connected: an event arriving before
    // would be stored for an unknown shop, processed only after a delay.
    await sim.admin("PUT", "/webhooks/targets", { shopee: gateway.shopeeUrl, tiktok: gateway.tiktokUrl });
    const { rows: earlier } = await pool.query<{ id: string }>(`select j.payload->>'eventId' as id from ${JOBS}`);
    memory.reset();

    // The simulated shop sells one unit: it pushes signed webhooks (the order, its stock) to the gateway.
    await sim.admin("POST", `/shops/shopee/${shop.shopId}/orders`, { lines: [{ productId: product.id, quantity: 1 }] });
    const jobs = await waitFor(async () => {
      const { rows } = await pool.query<{ id: string; payload: { eventId: string; traceparent?: string } }>(
        `select j.id::text, j.payload from ${JOBS} and not (j.payload->>'eventId' = any($1::text[]))`,
        [earlier.map((row) => row.id)],
      );
      return rows.length > 0 && rows;
    }, "the webhooks' processing jobs");
    // Each job carries the traceparent of the server span of the request that delivered its event
    // (the span ends once the response is sent, just after the commit).
    const traceparentOf = (span: ReadableSpan) => `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`;
    const requests = await waitFor(async () => {
      const spans = serverSpans();
      const known = new Set(spans.map(traceparentOf));
      return jobs.every((job) => known.has(job.payload.traceparent ?? "")) && spans;
    }, "the requests' spans");
    const requestOf = new Map(requests.map((span) => [traceparentOf(span), span]));
    for (const job of jobs) {
      const request = requestOf.get(job.payload.traceparent ?? "");
      expect(request, `the request that delivered event ${job.payload.eventId}`).toBeDefined();
      expect(request!.attributes).toMatchObject({
        "http.request.method": "POST",
        "http.route": "/webhooks/shopee",
        "http.response.status_code": 200,
        "webhook.platform": "shopee",
      });
      // A trace of its own: the marketplace does not trace.
      expect(request!.parentSpanContext).toBeUndefined();
    }

    worker = await startTestWorker(orm, database.url, channels, { concurrency: 1 });
    // Every job ran to completion (graphile-worker deletes a job that succeeded).
    await waitFor(
      async () => {
        const [row] = await sqlRows<{ n: number }>(
          orm.em.fork(),
          `select count(*)::int as n from graphile_worker._private_jobs where id = any($1::bigint[])`,
          [jobs.map((job) => job.id)],
        );
        return row?.n === 0;
      },
      "the events' jobs done",
      60_000,
    );
    const [stored] = await sqlRows<{ n: number }>(
      orm.em.fork(),
      `select count(*)::int as n from webhook_event where id = any($1::uuid[]) and status = 'processed'`,
      [jobs.map((job) => job.payload.eventId)],
    );
    expect(stored?.n).toBe(jobs.length);
    await worker.stop();
    worker = undefined;
    await tracing.flush();

    const spans = memory.getFinishedSpans();
    const jobIds = new Set(jobs.map((job) => job.id));
    const jobSpans = spans.filter(
      (span) => span.name === "job process-webhook-event" && jobIds.has(String(span.attributes["job.id"])),
    );
    expect(new Set(jobSpans.map((span) => String(span.attributes["job.id"])))).toEqual(jobIds);
    for (const span of jobSpans) {
      const parent = span.parentSpanContext;
      const request = requestOf.get(`00-${parent?.traceId}-${parent?.spanId}-01`);
      expect(request, "the job's parent: a webhook request's server span").toBeDefined();
      expect(span.spanContext().traceId).toBe(request!.spanContext().traceId);
    }
    // The job's calls to the marketplace (the order's details) continue the same trace.
    const jobSpanIds = new Set(jobSpans.map((span) => span.spanContext().spanId));
    const calls = spans.filter(
      (span: ReadableSpan) => span.name.startsWith("Shopee ") && jobSpanIds.has(span.parentSpanContext?.spanId ?? ""),
    );
    expect(calls.length).toBeGreaterThanOrEqual(1);
    const traceIds = new Set(requests.map((span) => span.spanContext().traceId));
    for (const call of calls) expect(traceIds.has(call.spanContext().traceId)).toBe(true);
    // Connecting a shop, a sale, two HTTP hops and a worker run: more than the default 20 s when the
    // suite's other files share the machine.
  }, 90_000);

  it("answers a refused request's span with its status and enqueues nothing for it", async () => {
    memory.reset();
    const before = await pool.query<{ n: string }>(`select count(*) as n from ${JOBS}`);
    const response = await postShopee(gateway, shopeeBody("424242"), "not-a-signature");
    expect(response.status).toBe(401);
    const [span] = await waitFor(async () => serverSpans().length > 0 && serverSpans(), "the refused request's span");
    expect(span!.attributes["http.response.status_code"]).toBe(401);
    const after = await pool.query<{ n: string }>(`select count(*) as n from ${JOBS}`);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});
