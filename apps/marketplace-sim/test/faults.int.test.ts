import { signTikTokRequest } from "@syncstore/channels/signing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { devTikTokApp } from "../src/credentials";
import { type TrafficStats } from "../src/faults";
import { admin, shopeeCall, shopeeConnect, startSim, tiktokCall, tiktokConnect, type TestSim } from "./helpers";

let t: TestSim;
let shopeeShopId: string;
let tiktokShopId: string;

beforeEach(async () => {
  t = await startSim();
  shopeeShopId = t.sim.ctx.store.listShops("shopee")[0]?.shopId ?? "";
  tiktokShopId = t.sim.ctx.store.listShops("tiktok")[0]?.shopId ?? "";
});
afterEach(() => t.close());

describe("rate limits", () => {
  it("answers TikTok calls over 50/s per API with HTTP 429 and 36009002 by default", async () => {
    const auth = await tiktokConnect(t, tiktokShopId);
    await admin(t, "DELETE", `/shops/tiktok/${tiktokShopId}/requests`);
    // The manual clock stands still, so all 60 calls fall in one second.
    const results = await Promise.all(
      Array.from({ length: 60 }, () => tiktokCall(t, "GET", "/authorization/202309/shops", auth)),
    );
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(10);
    expect(limited.every((r) => r.json.code === 36009002)).toBe(true);
    // Another API has its own budget.
    const other = await tiktokCall(t, "POST", "/product/202309/products/search", auth, {
      query: { page_size: "1" },
      body: {},
    });
    expect(other.json.code).toBe(0);
    // The next second starts afresh.
    t.clock.advance(1);
    expect((await tiktokCall(t, "GET", "/authorization/202309/shops", auth)).status).toBe(200);

    const stats = (await admin<TrafficStats>(t, "GET", `/shops/tiktok/${tiktokShopId}/requests`)).json;
    expect(stats).toMatchObject({ total: 62, rejected: 10, maxPerSecond: 61 });
    expect(stats.maxPerSecondByApi["authorization.shops"]).toBe(60);
  });

  it("applies a configured Shopee limit per shop with error_system_busy", async () => {
    const auth = await shopeeConnect(t, shopeeShopId);
    const set = await admin(t, "PUT", `/shops/shopee/${shopeeShopId}/faults`, {
      rateLimitPerSecond: 5,
      rateLimitScope: "shop",
    });
    expect(set.json).toMatchObject({ effectiveRateLimitPerSecond: 5 });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => shopeeCall(t, "GET", "/api/v2/shop/get_shop_info", auth)),
    );
    expect(results.filter((r) => r.status === 429 && r.json.error === "error_system_busy")).toHaveLength(3);
  });
});

describe("error injection", () => {
  it("answers every call with the platform's 5xx error at error rate 1", async () => {
    const tAuth = await tiktokConnect(t, tiktokShopId);
    const sAuth = await shopeeConnect(t, shopeeShopId);
    await admin(t, "PUT", `/shops/tiktok/${tiktokShopId}/faults`, { errorRate: 1 });
    await admin(t, "PUT", `/shops/shopee/${shopeeShopId}/faults`, { errorRate: 1 });
    const tiktok = await tiktokCall(t, "GET", "/authorization/202309/shops", tAuth);
    expect(tiktok.status).toBe(500);
    expect(tiktok.json.code).toBe(36009003);
    const shopee = await shopeeCall(t, "GET", "/api/v2/shop/get_shop_info", sAuth);
    expect(shopee.status).toBe(500);
    expect(shopee.json.error).toBe("error_server");
  });

  it("fails roughly the configured share of calls", async () => {
    const auth = await tiktokConnect(t, tiktokShopId);
    await admin(t, "PUT", `/shops/tiktok/${tiktokShopId}/faults`, { errorRate: 0.5, rateLimitPerSecond: null });
    const results = await Promise.all(
      Array.from({ length: 200 }, () => tiktokCall(t, "GET", "/authorization/202309/shops", auth)),
    );
    const failed = results.filter((r) => r.status === 500).length;
    expect(failed).toBeGreaterThan(60);
    expect(failed).toBeLessThan(140);
  });

  it("adds latency and can leave calls unanswered until the client times out", async () => {
    const auth = await tiktokConnect(t, tiktokShopId);
    await admin(t, "PUT", `/shops/tiktok/${tiktokShopId}/faults`, { latencyMs: 150 });
    const started = Date.now();
    expect((await tiktokCall(t, "GET", "/authorization/202309/shops", auth)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    await admin(t, "PUT", `/shops/tiktok/${tiktokShopId}/faults`, { latencyMs: 0, timeoutRate: 1 });
    await expect(tiktokCallWithTimeout(auth.accessToken, 300)).rejects.toThrow();
  });

  it("refuses invalid fault settings", async () => {
    const bad = await admin(t, "PUT", `/shops/tiktok/${tiktokShopId}/faults`, { errorRate: 2 });
    expect(bad.status).toBe(400);
  });
});

/** A signed call the client abandons after `ms` (tiktokCall has no timeout). */
async function tiktokCallWithTimeout(accessToken: string, ms: number): Promise<unknown> {
  const query = { app_key: devTikTokApp.appKey, timestamp: String(Math.floor(t.clock.now() / 1000)) };
  const sign = signTikTokRequest(devTikTokApp.appSecret, { path: "/authorization/202309/shops", query });
  const url = `${t.urls.tiktok}/authorization/202309/shops?${new URLSearchParams({ ...query, sign }).toString()}`;
  return fetch(url, { headers: { "x-tts-access-token": accessToken }, signal: AbortSignal.timeout(ms) });
}
