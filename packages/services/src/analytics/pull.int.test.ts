import { closeChannelAgent, type ChannelDeps } from "@syncstore/channels";
import { startSimulator, testChannelEnv, type RunningSimulator } from "@syncstore/channels/testing";
import { createOrm, sqlRows, type Orm } from "@syncstore/db";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import { addDays, localDay } from "@syncstore/domain";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelDepsFor, seedSyncFixture, simProducts, simTraffic, type SyncFixture } from "../testing/sync";
import { pullPerformance, type PullSettings } from "./pull";

let database: TestDatabase;
let orm: Orm;
let sim: RunningSimulator;
let channels: ChannelDeps;
const org = "org-analytics-pull";
const log = pino({ level: "silent" });
const zone = "Asia/Singapore"; // the fixtures' shops are in region SG

beforeAll(async () => {
  [database, sim] = await Promise.all([createTestDatabase(), startSimulator("31")]);
  orm = await createOrm(database.url, { pool: { min: 0, max: 6 } });
  channels = channelDepsFor(sim, testChannelEnv);
}, 60_000);

afterAll(async () => {
  await orm?.close(true);
  await closeChannelAgent();
  sim?.stop();
  await database?.drop();
});

const pull = (fixture: SyncFixture, settings: Partial<PullSettings> = {}, now?: Date) =>
  pullPerformance({ em: orm.em.fork(), channels, log }, fixture.connectionId, { settings, now });

async function placeOrder(
  fixture: SyncFixture,
  lines: { productId: string; variantId: string; quantity: number }[],
  daysAgo: number,
): Promise<string> {
  const { result } = await sim.admin<{ result: { id: string } }>(
    "POST",
    `/shops/${fixture.platform}/${fixture.shopId}/orders`,
    { lines, daysAgo },
  );
  return result.id;
}

async function metricRows(connectionId: string) {
  return sqlRows<{
    external_product_id: string;
    external_variant_id: string;
    date: string;
    units_sold: number | null;
    orders: number | null;
    gmv: string | null;
    page_views: number | null;
    impressions: number | null;
    derived: boolean;
  }>(
    orm.em.fork(),
    `select external_product_id, external_variant_id, date::text, units_sold, orders, gmv::text, page_views, impressions, derived
       from product_metric_daily where connection_id = $1 order by date, external_product_id, external_variant_id`,
    [connectionId],
  );
}

async function snapshotCount(connectionId: string): Promise<number> {
  const [count] = await sqlRows<{ n: number }>(
    orm.em.fork(),
    `select count(*)::int as n from item_metric_snapshot where connection_id = $1`,
    [connectionId],
  );
  return count?.n ?? 0;
}

describe("TikTok Shop analytics pull", () => {
  it("stores daily shop, product and SKU figures that follow the shop's orders, up to latest_available_date", async () => {
    const fixture = await seedSyncFixture(orm, sim, channels, {
      organizationId: org,
      platform: "tiktok",
      products: 3,
      variants: 2,
    });
    const [first, second] = await simProducts(sim, "tiktok", fixture.shopId);
    if (!first || !second) throw new Error("fixture products missing");
    const skuA = first.variants[0]?.id ?? "";
    const skuB = first.variants[1]?.id ?? "";
    await placeOrder(fixture, [{ productId: first.id, variantId: skuA, quantity: 2 }], 2);
    await placeOrder(
      fixture,
      [
        { productId: first.id, variantId: skuB, quantity: 1 },
        { productId: second.id, variantId: second.variants[0]?.id ?? "", quantity: 1 },
      ],
      2,
    );
    await placeOrder(fixture, [{ productId: first.id, variantId: skuA, quantity: 1 }], 1);
    const cancelled = await placeOrder(fixture, [{ productId: first.id, variantId: skuA, quantity: 1 }], 1);
    await sim.admin("POST", `/shops/tiktok/${fixture.shopId}/orders/${cancelled}/cancel`);
    await placeOrder(fixture, [{ productId: second.id, variantId: second.variants[0]?.id ?? "", quantity: 1 }], 0); // today: not available yet

    const result = await pull(fixture, { initialDays: 5 });
    const today = localDay(new Date(), zone);
    expect(result).toMatchObject({
      status: "complete",
      latestAvailableDate: addDays(today, -1),
      completeThrough: addDays(today, -1),
    });
    // 1 shop call + 3 product calls + 5 days × 1 SKU page.
    expect(result.calls).toBe(9);

    const rows = await metricRows(fixture.connectionId);
    const twoDaysAgo = addDays(today, -2);
    const yesterday = addDays(today, -1);
    const sku = (variantId: string, date: string) =>
      rows.find((r) => r.external_variant_id === variantId && r.date === date);
    expect(sku(skuA, twoDaysAgo)).toMatchObject({ units_sold: 2, orders: 1, gmv: "2000" });
    expect(sku(skuB, twoDaysAgo)).toMatchObject({ units_sold: 1, orders: 1, gmv: "1000" });
    expect(sku(skuA, yesterday)).toMatchObject({ units_sold: 1, orders: 1 }); // the cancelled order does not count
    expect(rows.some((r) => r.date === today)).toBe(false);

    const product = rows.find(
      (r) => r.external_product_id === first.id && r.external_variant_id === "" && r.date === twoDaysAgo,
    );
    expect(product).toMatchObject({ units_sold: 3, orders: 2, derived: false });
    // Traffic follows orders: a seeded base of 20–49 views plus 8 per unit sold.
    const extraViews = (product?.page_views ?? 0) - 8 * 3;
    expect(extraViews).toBeGreaterThanOrEqual(20);
    expect(extraViews).toBeLessThan(50);
    const shopDay = rows.find((r) => r.external_product_id === "" && r.date === twoDaysAgo);
    expect(shopDay).toMatchObject({ units_sold: 4, gmv: "4000" });

    // Incremental: the next run has nothing new to read today.
    const again = await pull(fixture, { initialDays: 5 });
    expect(again.calls).toBe(0);
  });

  it("stays under the rate limit: 429s are waited out and the figures are complete", async () => {
    const fixture = await seedSyncFixture(orm, sim, channels, {
      organizationId: org,
      platform: "tiktok",
      products: 4,
      variants: 1,
    });
    await sim.admin("PUT", `/shops/tiktok/${fixture.shopId}/faults`, { rateLimitPerSecond: 2, rateLimitScope: "shop" });
    const result = await pull(fixture, { initialDays: 3, perSecond: { shopee: 10, tiktok: 50 } });
    expect(result.status).toBe("complete");
    expect(result.rateLimited).toBeGreaterThan(0);
    const traffic = await simTraffic(sim, "tiktok", fixture.shopId);
    expect(traffic.rejected).toBe(result.rateLimited);
    const rows = await metricRows(fixture.connectionId);
    expect(rows.filter((r) => r.external_variant_id !== "")).toHaveLength(4 * 3);
    expect(rows.filter((r) => r.external_product_id !== "" && r.external_variant_id === "")).toHaveLength(4 * 3);
  }, 30_000);

  it("resumes a run that stopped part-way without repeating its calls", async () => {
    const fixture = await seedSyncFixture(orm, sim, channels, {
      organizationId: org,
      platform: "tiktok",
      products: 3,
      variants: 1,
    });
    const first = await pull(fixture, { initialDays: 4, maxCalls: 5 });
    expect(first).toMatchObject({ status: "partial", calls: 5, completeThrough: null });
    const [state] = await sqlRows<{ status: string; phase: string }>(
      orm.em.fork(),
      `select status, cursor ->> 'phase' as phase from analytics_pull where connection_id = $1`,
      [fixture.connectionId],
    );
    expect(state).toEqual({ status: "idle", phase: "skus" });
    const second = await pull(fixture, { initialDays: 4 });
    expect(second.status).toBe("complete");
    // 1 shop + 3 products + 4 days = 8 calls in all: the second run made only the 3 left.
    expect(first.calls + second.calls).toBe(8);
    const traffic = await simTraffic(sim, "tiktok", fixture.shopId);
    const analyticsCalls = Object.entries(traffic.byApi).filter(([api]) => api.startsWith("analytics."));
    expect(analyticsCalls.reduce((sum, [, n]) => sum + n, 0)).toBe(8);
    const rows = await metricRows(fixture.connectionId);
    expect(rows.filter((r) => r.external_variant_id !== "")).toHaveLength(3 * 4);
  });
});

describe("Shopee item extra info pull", () => {
  it("keeps one snapshot per item per day and derives daily sales and views from their difference", async () => {
    const fixture = await seedSyncFixture(orm, sim, channels, {
      organizationId: org,
      platform: "shopee",
      products: 2,
      variants: 1,
    });
    const [item] = await simProducts(sim, "shopee", fixture.shopId);
    if (!item) throw new Error("fixture product missing");
    await placeOrder(fixture, [{ productId: item.id, variantId: item.variants[0]?.id ?? "", quantity: 1 }], 3);
    const now = new Date();
    const first = await pull(fixture, {}, now);
    expect(first).toMatchObject({ status: "complete", calls: 1 });
    expect(await metricRows(fixture.connectionId)).toEqual([]); // one snapshot: nothing to derive yet

    await placeOrder(fixture, [{ productId: item.id, variantId: item.variants[0]?.id ?? "", quantity: 2 }], 0);
    const tomorrow = new Date(now.getTime() + 86_400_000);
    await pull(fixture, {}, tomorrow);
    const today = localDay(now, zone);
    const rows = await metricRows(fixture.connectionId);
    expect(rows.find((r) => r.external_product_id === item.id)).toMatchObject({
      date: today,
      units_sold: 2,
      page_views: 16, // 8 views per unit sold; the seeded base is the same in both readings
      derived: true,
    });
    expect(rows).toHaveLength(2);
  });

  it("resumes: a second run reads only the items the first did not reach, under a rate limit", async () => {
    const fixture = await seedSyncFixture(orm, sim, channels, {
      organizationId: org,
      platform: "shopee",
      products: 120,
      variants: 1,
    });
    const first = await pull(fixture, { maxCalls: 1 });
    expect(first.status).toBe("partial");
    expect(await snapshotCount(fixture.connectionId)).toBe(50);
    await sim.admin("PUT", `/shops/shopee/${fixture.shopId}/faults`, { rateLimitPerSecond: 1, rateLimitScope: "shop" });
    const second = await pull(fixture, { perSecond: { shopee: 20, tiktok: 40 } });
    expect(second.status).toBe("complete");
    expect(second.calls - second.rateLimited).toBe(2); // 120 items = 3 calls of 50; the first run made one
    expect(second.rateLimited).toBeGreaterThan(0);
    expect(await snapshotCount(fixture.connectionId)).toBe(120);
  }, 30_000);
});
