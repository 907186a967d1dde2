import { createMailer, createTaskList, runBulkBatch } from "@syncstore/services";
import type { RealtimeEmitter, RealtimeEventName, RealtimeEvents } from "@syncstore/realtime";
import { Logger, runOnce } from "graphile-worker";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";

type Owner = Awaited<ReturnType<ApiHarness["signUp"]>>;

let h: ApiHarness;
let a: Owner;
let b: Owner;
const events: { organizationId: string; event: RealtimeEventName; payload: unknown }[] = [];
/** Called after each recorded event (lets a test act between the job's batches). */
let onEvent: (event: RealtimeEventName, payload: unknown) => Promise<void> = async () => {};

const recorder: RealtimeEmitter = {
  toOrganization: (organizationId) => ({
    emit: async <E extends RealtimeEventName>(event: E, payload: RealtimeEvents[E]) => {
      events.push({ organizationId, event, payload });
      await onEvent(event, payload);
    },
  }),
  emitToOrganization: async (organizationId, event, payload) => {
    events.push({ organizationId, event, payload });
  },
};

beforeAll(async () => {
  h = await createApiHarness();
  h.deps.realtime = recorder;
  // graphile-worker's runOnce wants error handlers on the pool's clients.
  h.pool.on("connect", (client) => client.on("error", () => {}));
  a = await h.signUp("Ann");
  b = await h.signUp("Ben");
}, 60_000);
afterAll(() => h?.close());
beforeEach(() => {
  events.length = 0;
  onEvent = async () => {};
});

/** `count` single-variant products with SKUs `<prefix>-00001`…, price 1000, stock 5 (reserved 3). */
async function seed(organizationId: string, prefix: string, count: number): Promise<string[]> {
  const rows = await h.query<{ id: string }>(
    `with p as (
       insert into product (id, organization_id, title, status, tags)
       select gen_random_uuid(), $1, $2 || ' product ' || lpad(g::text, 5, '0'), 'active', '{bulk}'
         from generate_series(1, $3) g returning id, title),
     v as (
       insert into variant (id, organization_id, product_id, sku, price, position)
       select gen_random_uuid(), $1, p.id, $2 || '-' || right(p.title, 5), 1000, 0 from p returning id),
     s as (
       insert into stock_level (id, organization_id, variant_id, on_hand, committed)
       select gen_random_uuid(), $1, v.id, 5, 3 from v)
     select id from v`,
    [organizationId, prefix, count],
  );
  return rows.map((row) => row.id);
}

const prices = async (prefix: string) =>
  h.query<{ price: string; version: number }>(`select price::text, version from variant where sku like $1 || '-%'`, [
    prefix,
  ]);

async function runJobs(): Promise<void> {
  const logger = pino({ level: "silent" });
  const taskList = createTaskList({
    orm: h.orm,
    realtime: recorder,
    mailer: createMailer({ from: "x@example.test", logger }),
    logger,
    webUrl: "http://localhost:3000",
    channels: h.deps.channels,
  });
  await runOnce({ pgPool: h.pool, taskList, logger: new Logger(() => () => {}) });
}

const progress = () =>
  events
    .filter((e) => e.event === "bulk.progress")
    .map((e) => e.payload as { done: number; failed: number; total: number; status: string });

describe("catalog.bulk.preview", () => {
  it("counts the selection and shows before → after for a sample, writing nothing", async () => {
    const ids = await seed(a.organizationId, "PRV", 30);
    const before = await h.query<{ n: number }>(`select count(*)::int as n from bulk_operation`);
    const byIds = await a.caller.catalog.bulk.preview({
      selection: { mode: "ids", variantIds: ids.slice(0, 25) },
      action: { kind: "change_price_percent", percent: 10, ending: "99" },
    });
    expect(byIds.count).toBe(25);
    expect(byIds.sample).toHaveLength(20);
    expect(byIds.sample[0]).toMatchObject({ before: { price: 1000 }, after: { price: 1199 }, error: null });

    const byQuery = await a.caller.catalog.bulk.preview({
      selection: { mode: "query", filter: { sku: "PRV-" } },
      action: { kind: "set_stock", quantity: 1 },
    });
    expect(byQuery.count).toBe(30);
    expect(byQuery.sample[0]).toMatchObject({
      after: null,
      error: "Stock cannot go below the 3 units reserved for orders",
    });
    expect((await prices("PRV")).every((row) => row.price === "1000" && row.version === 1)).toBe(true);
    expect(await h.query<{ n: number }>(`select count(*)::int as n from bulk_operation`)).toEqual(before);
    expect(events).toEqual([]);
  });
});

describe("catalog.bulk.start", () => {
  it("applies a small selection inline: versions, audit, movements, events, no job", async () => {
    const ids = await seed(a.organizationId, "INL", 150);
    const op = await a.caller.catalog.bulk.start({
      selection: { mode: "ids", variantIds: ids },
      action: { kind: "change_price_percent", percent: 10 },
    });
    expect(op).toMatchObject({ status: "succeeded", total: 150, done: 150, failed: 0 });
    expect((await prices("INL")).every((row) => row.price === "1100" && row.version === 2)).toBe(true);
    const jobs = await h.query<{ n: number }>(`select count(*)::int as n from graphile_worker.jobs`);
    expect(jobs[0]?.n).toBe(0);
    const audit = await h.query<{ action: string; n: number }>(
      `select action, count(*)::int as n from audit_log where organization_id = $1 and (request_id = $2 or entity_id = $3)
        group by action order by action`,
      [a.organizationId, `bulk_operation:${op.id}`, op.id],
    );
    expect(audit).toEqual([
      { action: "bulk_operation.create", n: 1 },
      { action: "variant.update", n: 150 },
    ]);
    const changed = events.filter((e) => e.event === "catalog.rows_changed");
    expect(changed).toHaveLength(2);
    expect(progress()).toEqual([{ operationId: op.id, done: 150, failed: 0, total: 150, status: "succeeded" }]);

    const stock = await a.caller.catalog.bulk.start({
      selection: { mode: "ids", variantIds: ids.slice(0, 10) },
      action: { kind: "set_stock", quantity: 40 },
    });
    expect(stock.status).toBe("succeeded");
    const moves = await h.query<{ n: number }>(
      `select count(*)::int as n from inventory_movement where reason = 'bulk' and source_ref = $1 and delta = 35`,
      [`bulk_operation:${stock.id}`],
    );
    expect(moves[0]?.n).toBe(10);
  });

  it("records rows it cannot change with their reason and changes the others", async () => {
    const ids = await seed(a.organizationId, "ERR", 20);
    await h.query(`update stock_level set committed = 0 where variant_id = any($1::uuid[])`, [ids.slice(0, 5)]);
    const op = await a.caller.catalog.bulk.start({
      selection: { mode: "ids", variantIds: ids },
      action: { kind: "set_stock", quantity: 1 },
    });
    expect(op).toMatchObject({ status: "succeeded", total: 20, done: 20, failed: 15 });
    const detail = await a.caller.catalog.bulk.get({ id: op.id });
    expect(detail.failures).toHaveLength(15);
    expect(detail.failures[0]).toMatchObject({
      sku: expect.stringMatching(/^ERR-/),
      reason: "Stock cannot go below the 3 units reserved for orders",
    });
    const stock = await h.query<{ on_hand: number; n: number }>(
      `select s.on_hand, count(*)::int as n from stock_level s join variant v on v.id = s.variant_id
        where v.sku like 'ERR-%' group by s.on_hand order by s.on_hand`,
    );
    expect(stock).toEqual([
      { on_hand: 1, n: 5 },
      { on_hand: 5, n: 15 },
    ]);
  });

  it("runs a large selection as a job in batches of 500, with progress after each batch", async () => {
    await seed(a.organizationId, "BIG", 1200);
    const op = await a.caller.catalog.bulk.start({
      selection: { mode: "query", filter: { sku: "BIG-" } },
      action: { kind: "change_price_percent", percent: 10 },
    });
    expect(op).toMatchObject({ status: "queued", total: 1200, done: 0 });
    const jobs = await h.query<{ key: string }>(`select key from graphile_worker.jobs`);
    expect(jobs).toEqual([{ key: `bulk-operation:${op.id}` }]);
    expect((await prices("BIG")).every((row) => row.price === "1000")).toBe(true);

    events.length = 0;
    await runJobs();
    expect(progress()).toEqual([
      { operationId: op.id, done: 500, failed: 0, total: 1200, status: "running" },
      { operationId: op.id, done: 1000, failed: 0, total: 1200, status: "running" },
      { operationId: op.id, done: 1200, failed: 0, total: 1200, status: "succeeded" },
    ]);
    expect((await prices("BIG")).every((row) => row.price === "1100" && row.version === 2)).toBe(true);
    const changed = events.filter((e) => e.event === "catalog.rows_changed");
    expect(changed).toHaveLength(12);
    expect(changed.every((e) => (e.payload as { variantIds: string[] }).variantIds.length <= 100)).toBe(true);
    expect(await a.caller.catalog.bulk.get({ id: op.id })).toMatchObject({
      status: "succeeded",
      done: 1200,
      startedAt: expect.any(Date),
      finishedAt: expect.any(Date),
    });
  }, 60_000);

  it("a retried job resumes after its last committed batch and never applies a row twice", async () => {
    await seed(a.organizationId, "RTY", 700);
    const op = await a.caller.catalog.bulk.start({
      selection: { mode: "query", filter: { sku: "RTY-" } },
      action: { kind: "change_price_amount", amount: 50 },
    });
    // A first attempt committed one batch, then died.
    const first = await h.orm.em.fork().transactional((tx) => runBulkBatch(tx, op.id));
    expect(first.progress).toMatchObject({ done: 500, status: "running" });
    await runJobs();
    expect((await prices("RTY")).every((row) => row.price === "1050" && row.version === 2)).toBe(true);
    expect(await a.caller.catalog.bulk.get({ id: op.id })).toMatchObject({ status: "succeeded", done: 700 });
    // Once finished, running it again changes nothing.
    const again = await h.orm.em.fork().transactional((tx) => runBulkBatch(tx, op.id));
    expect(again.processed).toBe(0);
    expect((await prices("RTY")).every((row) => row.price === "1050")).toBe(true);
  }, 60_000);

  it("stops between batches when cancelled", async () => {
    await seed(a.organizationId, "CNC", 1100);
    const op = await a.caller.catalog.bulk.start({
      selection: { mode: "query", filter: { sku: "CNC-" } },
      action: { kind: "set_price", amount: 777 },
    });
    onEvent = async (event, payload) => {
      if (event === "bulk.progress" && (payload as { status: string }).status === "running") {
        onEvent = async () => {};
        await a.caller.catalog.bulk.cancel({ id: op.id });
      }
    };
    await runJobs();
    const detail = await a.caller.catalog.bulk.get({ id: op.id });
    expect(detail).toMatchObject({ status: "cancelled", done: 500, total: 1100 });
    const changed = await h.query<{ price: string; n: number }>(
      `select price::text, count(*)::int as n from variant where sku like 'CNC-%' group by price order by price`,
    );
    expect(changed).toEqual([
      { price: "1000", n: 600 },
      { price: "777", n: 500 },
    ]);
    await expect(a.caller.catalog.bulk.cancel({ id: op.id })).rejects.toMatchObject({ code: "CONFLICT" });
    const audit = await h.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'bulk_operation.cancel' and entity_id = $1`,
      [op.id],
    );
    expect(audit[0]?.n).toBe(1);
    const active = await a.caller.catalog.bulk.list({ active: true });
    expect(active.map((o) => o.id)).not.toContain(op.id);
  }, 60_000);

  it("refuses an empty selection and an unknown category", async () => {
    await expect(
      a.caller.catalog.bulk.start({
        selection: { mode: "query", filter: { sku: "NOTHING-MATCHES" } },
        action: { kind: "set_status", status: "archived" },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "No rows are selected" });
    const ids = await seed(a.organizationId, "CAT", 2);
    await expect(
      a.caller.catalog.bulk.start({
        selection: { mode: "ids", variantIds: ids },
        action: { kind: "set_category", categoryId: crypto.randomUUID() },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("tenant isolation", () => {
  it("another organization can neither see, change nor select these rows and operations", async () => {
    const ids = await seed(a.organizationId, "ISO", 5);
    await seed(b.organizationId, "ISO", 5);
    const op = await a.caller.catalog.bulk.start({
      selection: { mode: "ids", variantIds: ids },
      action: { kind: "add_tag", tag: "iso" },
    });
    expect(op.status).toBe("succeeded");
    await expect(b.caller.catalog.bulk.get({ id: op.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(b.caller.catalog.bulk.cancel({ id: op.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await b.caller.catalog.bulk.list({})).map((o) => o.id)).not.toContain(op.id);
    expect(
      (
        await b.caller.catalog.bulk.preview({
          selection: { mode: "ids", variantIds: ids },
          action: { kind: "set_price", amount: 1 },
        })
      ).count,
    ).toBe(0);
    await expect(
      b.caller.catalog.bulk.start({
        selection: { mode: "ids", variantIds: ids },
        action: { kind: "set_price", amount: 1 },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // B's "all matching" changes only B's rows.
    const mine = await b.caller.catalog.bulk.start({
      selection: { mode: "query", filter: { sku: "ISO-" } },
      action: { kind: "set_price", amount: 1 },
    });
    expect(mine.total).toBe(5);
    const tagged = await h.query<{ organization_id: string; price: string; tags: string[] }>(
      `select v.organization_id, v.price::text as price, p.tags from variant v join product p on p.id = v.product_id
        where v.sku like 'ISO-%' order by v.organization_id`,
    );
    expect(tagged.filter((r) => r.organization_id === a.organizationId).every((r) => r.price === "1000")).toBe(true);
    expect(tagged.filter((r) => r.organization_id === a.organizationId).every((r) => r.tags.includes("iso"))).toBe(
      true,
    );
    expect(tagged.filter((r) => r.organization_id === b.organizationId).every((r) => !r.tags.includes("iso"))).toBe(
      true,
    );
  });

  it("a viewer can read operations but not apply or cancel them", async () => {
    const viewer = await h.signUp("Vic");
    await h.addMember(a.organizationId, viewer.me.user.id, "viewer");
    await viewer.caller.organization.setActive({ organizationId: a.organizationId });
    const caller = await h.callerFor(viewer.cookie);
    expect(Array.isArray(await caller.catalog.bulk.list({}))).toBe(true);
    await expect(
      caller.catalog.bulk.start({
        selection: { mode: "query", filter: { sku: "ISO-" } },
        action: { kind: "set_price", amount: 1 },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
