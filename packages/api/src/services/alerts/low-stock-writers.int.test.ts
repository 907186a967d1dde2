import { createMailer, createTaskList } from "@syncstore/services";
import type { AlertRaisedPayload, RealtimeEmitter, RealtimeEventName, RealtimeEvents } from "@syncstore/realtime";
import { Logger, runOnce } from "graphile-worker";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";
import { storeUpload } from "../catalog/csv-import";

/*
 * Low stock is checked by the stock writers themselves, so every path that sets stock raises it:
 * a bulk "set stock" (inline and as a job), the catalog CSV import and the stock count import.
 * Each crossing of the threshold (organization default 5) raises exactly one alert per variant,
 * announced live once; a further fall below the line raises nothing more.
 */

type Owner = Awaited<ReturnType<ApiHarness["signUp"]>>;

let h: ApiHarness;
let owner: Owner;
const raised: AlertRaisedPayload[] = [];

const recorder: RealtimeEmitter = {
  toOrganization: () => ({
    emit: async <E extends RealtimeEventName>(event: E, payload: RealtimeEvents[E]) => {
      if (event === "alert.raised") raised.push(payload as AlertRaisedPayload);
    },
  }),
  emitToOrganization: async (_organizationId, event, payload) => {
    if (event === "alert.raised") raised.push(payload as AlertRaisedPayload);
  },
};

beforeAll(async () => {
  h = await createApiHarness();
  h.deps.realtime = recorder;
  h.pool.on("connect", (client) => client.on("error", () => {}));
  owner = await h.signUp("Low Stock Owner");
}, 60_000);
afterAll(() => h?.close());
beforeEach(() => {
  raised.length = 0;
});

/** `count` single-variant products `<prefix>-00001`…, 20 on hand. */
async function seed(prefix: string, count: number): Promise<{ id: string; sku: string }[]> {
  return h.query<{ id: string; sku: string }>(
    `with p as (
       insert into product (id, organization_id, title, status)
       select gen_random_uuid(), $1, $2 || ' ' || lpad(g::text, 5, '0'), 'active' from generate_series(1, $3) g
       returning id, title),
     v as (
       insert into variant (id, organization_id, product_id, sku, price, position)
       select gen_random_uuid(), $1, p.id, $2 || '-' || right(p.title, 5), 1000, 0 from p returning id, sku),
     s as (insert into stock_level (id, organization_id, variant_id, on_hand, committed)
           select gen_random_uuid(), $1, v.id, 20, 0 from v)
     select id::text as id, sku from v order by sku`,
    [owner.organizationId, prefix, count],
  );
}

/** Open stock.low alerts per variant of these ids. */
async function lowAlerts(ids: string[]): Promise<Map<string, number>> {
  const rows = await h.query<{ variant_id: string; n: number }>(
    `select subject ->> 'variantId' as variant_id, count(*)::int as n from alert
      where organization_id = $1 and kind = 'stock.low' and subject ->> 'variantId' = any($2::text[])
      group by 1`,
    [owner.organizationId, ids],
  );
  return new Map(rows.map((row) => [row.variant_id, row.n]));
}

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

const lowRaised = () => raised.filter((alert) => alert.kind === "stock.low");

describe("low stock on every stock writer", () => {
  it("a bulk set stock across the threshold raises one alert per variant, and none again further down", async () => {
    const variants = await seed("BLK", 3);
    const ids = variants.map((v) => v.id);
    const op = await owner.caller.catalog.bulk.start({
      selection: { mode: "ids", variantIds: ids },
      action: { kind: "set_stock", quantity: 4 },
    });
    expect(op.status).toBe("succeeded");
    expect(await lowAlerts(ids)).toEqual(new Map(ids.map((id) => [id, 1])));
    expect(lowRaised()).toHaveLength(3);

    raised.length = 0;
    const lower = await owner.caller.catalog.bulk.start({
      selection: { mode: "ids", variantIds: ids },
      action: { kind: "set_stock", quantity: 2 },
    });
    expect(lower.status).toBe("succeeded");
    expect(await lowAlerts(ids)).toEqual(new Map(ids.map((id) => [id, 1])));
    const [row] = await h.query<{ count: number }>(
      `select count from alert where organization_id = $1 and dedupe_key = $2`,
      [owner.organizationId, `stock.low:${ids[0]}`],
    );
    expect(row?.count).toBe(1);
    expect(lowRaised()).toHaveLength(0);
  });

  it("a bulk set stock run as a job raises the alerts and announces them after each batch", async () => {
    const variants = await seed("JOB", 201);
    const ids = variants.map((v) => v.id);
    const op = await owner.caller.catalog.bulk.start({
      selection: { mode: "ids", variantIds: ids },
      action: { kind: "set_stock", quantity: 5 },
    });
    expect(op.status).toBe("queued");
    await runJobs();
    const alerts = await lowAlerts(ids);
    expect(alerts.size).toBe(201);
    expect([...alerts.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(lowRaised().map((alert) => alert.id)).size).toBe(201);
  });

  it("a catalog CSV import that lowers stock across the threshold raises one alert; raising it back resolves it", async () => {
    const [a, b] = await seed("CSV", 2);
    const upload = async (text: string) => {
      const id = await storeUpload(h.orm.em, owner.organizationId, owner.me.user.id, "stock.csv", [
        new TextEncoder().encode(text),
      ]);
      return owner.caller.catalog.import.start({ importId: id, mapping: {} });
    };
    const first = await upload(`SKU,Stock\n${a!.sku},3\n${b!.sku},12\n`);
    expect(first).toMatchObject({ status: "succeeded", failed: 0 });
    expect(await lowAlerts([a!.id, b!.id])).toEqual(new Map([[a!.id, 1]]));
    expect(lowRaised().map((alert) => alert.title)).toEqual([`${a!.sku} is low on stock (3 left)`]);

    raised.length = 0;
    await upload(`SKU,Stock\n${a!.sku},1\n`);
    expect(lowRaised()).toHaveLength(0);
    await upload(`SKU,Stock\n${a!.sku},9\n`);
    const [status] = await h.query<{ status: string }>(
      `select status from alert where organization_id = $1 and dedupe_key = $2`,
      [owner.organizationId, `stock.low:${a!.id}`],
    );
    expect(status?.status).toBe("resolved");
  });

  it("a stock count import across the threshold raises one alert and announces it", async () => {
    const [a, b] = await seed("CNT", 2);
    const result = await owner.caller.inventory.applyCount({
      fileName: "count.csv",
      rows: [
        { variantId: a!.id, counted: 2, expected: 20 },
        { variantId: b!.id, counted: 18, expected: 20 },
      ],
    });
    expect(result).toMatchObject({ status: "succeeded", failed: 0 });
    expect(await lowAlerts([a!.id, b!.id])).toEqual(new Map([[a!.id, 1]]));
    expect(lowRaised()).toHaveLength(1);
  });
});
