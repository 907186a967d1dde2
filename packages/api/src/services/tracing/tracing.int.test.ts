import { closeChannelAgent } from "@syncstore/channels";
import { startSimulator, type RunningSimulator } from "@syncstore/channels/testing";
import {
  listingRows,
  seedSyncFixture,
  simProducts,
  startTestWorker,
  waitFor,
  type SyncFixture,
  type TestWorker,
} from "@syncstore/services/testing";
import { startTracing, type Tracing } from "@syncstore/services/tracing";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";

/*
 * One trace from the API call to the marketplace push: the production tracing setup exporting to
 * the SDK's in-memory exporter, a tRPC call that enqueues a sync job, a real graphile-worker runner
 * running it, and the simulator over real HTTP.
 */

const memory = new InMemorySpanExporter();
let tracing: Tracing;
let sim: RunningSimulator;
let h: ApiHarness;
let worker: TestWorker | undefined;
let owner: Awaited<ReturnType<ApiHarness["signUp"]>>;
let fixture: SyncFixture;

beforeAll(async () => {
  tracing = startTracing({ serviceName: "syncstore-test", exporter: memory });
  sim = await startSimulator("57");
  h = await createApiHarness(sim.env);
  owner = await h.signUp("Trace Owner");
  fixture = await seedSyncFixture(h.orm, sim, h.deps.channels, {
    organizationId: owner.organizationId,
    platform: "shopee",
    products: 1,
    variants: 1,
  });
});

afterAll(async () => {
  await worker?.stop();
  await h?.close();
  await closeChannelAgent();
  sim?.stop();
  await tracing?.shutdown();
});

const named = (spans: ReadableSpan[], name: string) => spans.filter((span) => span.name === name);

describe("tracing", () => {
  it("gives the API call, the sync job it enqueued and the worker's push to the simulator one trace id", async () => {
    const variantId = fixture.variantIds[0]!;
    const listingId = fixture.listingIds[0]!;
    const [stock] = await h.query<{ on_hand: number }>(`select on_hand from stock_level where variant_id = $1`, [
      variantId,
    ]);
    const before = stock!.on_hand;
    memory.reset();

    await owner.caller.inventory.adjust({
      variantId,
      mode: "set",
      quantity: before + 7,
      expected: before,
      reason: "count",
    });

    const [api] = named(memory.getFinishedSpans(), "trpc inventory.adjust");
    expect(api, "the procedure's span").toBeDefined();
    const traceId = api!.spanContext().traceId;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    // The job carries the procedure's trace as a W3C traceparent.
    const [job] = await h.query<{ payload: { listingId: string; traceparent?: string } }>(
      `select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
        where t.identifier = 'sync-listing' and j.key = $1`,
      [`sync-listing:${listingId}`],
    );
    expect(job?.payload.listingId).toBe(listingId);
    expect(job?.payload.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));

    worker = await startTestWorker(h.orm, h.url, h.deps.channels, {
      concurrency: 1,
      settings: { backoffBaseMs: 50, backoffCapMs: 400, rateLimits: { shopee: null, tiktok: null } },
    });
    const [row] = await waitFor("the listing pushed", async () => {
      const rows = await listingRows(h.orm, [listingId]);
      return rows[0]?.sync_state === "in_sync" && rows[0].last_synced?.stock === before + 7 ? rows : undefined;
    });
    expect(row?.last_synced).toMatchObject({ stock: before + 7 });
    const [product] = await simProducts(sim, "shopee", fixture.shopId);
    expect(product?.variants[0]?.stock.reduce((sum, level) => sum + level.stock, 0)).toBe(before + 7);
    await worker.stop();
    worker = undefined;
    await tracing.flush();

    const spans = memory.getFinishedSpans();
    const jobSpans = named(spans, "job sync-listing");
    expect(jobSpans.length).toBeGreaterThanOrEqual(1);
    for (const span of jobSpans) expect(span.spanContext().traceId).toBe(traceId);
    // The marketplace calls are children of the job that made them, in the same trace.
    const jobSpanIds = new Set(jobSpans.map((span) => span.spanContext().spanId));
    const pushes = spans.filter((span) => span.name.startsWith("Shopee ") && span.spanContext().traceId === traceId);
    expect(pushes.length).toBeGreaterThanOrEqual(1);
    for (const push of pushes) expect(jobSpanIds.has(push.parentSpanContext?.spanId ?? "")).toBe(true);
    expect(pushes.every((push) => push.attributes["http.response.status_code"] === 200)).toBe(true);
    // Nothing of this chain started a trace of its own.
    const others = spans.filter(
      (span) =>
        (span.name.startsWith("job sync-listing") || span.name.startsWith("Shopee ")) &&
        span.spanContext().traceId !== traceId,
    );
    expect(others).toEqual([]);
  });
});
