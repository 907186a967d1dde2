import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { devTikTokApp } from "../src/credentials";
import { shopeeConnect, shopeeUrl, startSim, tiktokCall, tiktokConnect, type TestSim } from "./helpers";

let t: TestSim;

beforeEach(async () => {
  t = await startSim();
});
afterEach(() => t.close());

describe("one listener per platform host", () => {
  it("serves each platform on its own port, so the path requested is the path signed", async () => {
    const shopee = t.sim.ctx.store.listShops("shopee")[0]?.shopId ?? "";
    const auth = await shopeeConnect(t, shopee);
    const signed = shopeeUrl(t, "/api/v2/shop/get_shop_info", auth);
    expect(new URL(signed).pathname).toBe("/api/v2/shop/get_shop_info");
    const ok = (await (await fetch(signed)).json()) as { error: string };
    expect(ok.error).toBe("");

    const tiktok = t.sim.ctx.store.listShops("tiktok")[0]?.shopId ?? "";
    const tAuth = await tiktokConnect(t, tiktok);
    const shops = await tiktokCall(t, "GET", "/authorization/202309/shops", tAuth);
    expect(shops.json.code).toBe(0);
  });

  it("keeps the platforms off the admin port and the admin off the platform ports", async () => {
    const prefixed = await fetch(`${t.base}/shopee/api/v2/shop/get_shop_info`);
    expect(prefixed.status).toBe(404);
    expect(((await prefixed.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    expect((await fetch(`${t.base}/healthz`)).status).toBe(200);

    const admin = await fetch(`${t.urls.shopee}/admin/state`);
    expect(admin.status).toBe(404);
    expect(await admin.json()).toMatchObject({ error: "error_not_found" });
  });

  it("serves the TikTok token endpoints and the authorize page on the auth host, not the API host", async () => {
    const page = await fetch(`${t.urls.tiktokAuth}/open/authorize?service_id=${devTikTokApp.serviceId}&state=s`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const onApiHost = await fetch(`${t.urls.tiktok}/api/v2/token/get?app_key=${devTikTokApp.appKey}`);
    expect(onApiHost.status).toBe(404);
    expect(await onApiHost.json()).toMatchObject({ code: expect.any(Number), data: null });
  });
});

describe("unknown routes and versions answer in the platform's envelope", () => {
  it("TikTok: 36009014 for a version not served, 36009009 for an unknown path, 36009010 for a wrong method", async () => {
    const shopId = t.sim.ctx.store.listShops("tiktok")[0]?.shopId ?? "";
    const auth = await tiktokConnect(t, shopId);
    const newer = await tiktokCall(t, "POST", "/product/202502/products/search", auth, {
      query: { page_size: "2" },
      body: { status: "ALL" },
    });
    expect(newer.status).toBe(404);
    expect(newer.json).toMatchObject({
      code: 36009014,
      message: "The version name is invalid, please check and retry.",
      data: null,
    });
    expect(typeof newer.json.request_id).toBe("string");

    const unknown = await tiktokCall(t, "GET", "/product/202309/no_such_resource/1/2", auth);
    expect(unknown.json).toMatchObject({ code: 36009009, data: null });

    const method = await tiktokCall(t, "DELETE", "/product/202309/products/search", auth);
    expect(method.status).toBe(405);
    expect(method.json).toMatchObject({ code: 36009010, data: null });
  });

  it("TikTok's auth host answers unknown paths in the same envelope", async () => {
    const response = await fetch(`${t.urls.tiktokAuth}/api/v3/token/get`);
    expect(await response.json()).toMatchObject({ code: 36009014, data: null });
    const other = await fetch(`${t.urls.tiktokAuth}/nothing-here`);
    expect(await other.json()).toMatchObject({ code: 36009009, data: null });
  });

  it("Shopee: error_not_found in {request_id, error, message} for an unknown API or version", async () => {
    const shopId = t.sim.ctx.store.listShops("shopee")[0]?.shopId ?? "";
    const auth = await shopeeConnect(t, shopId);
    for (const path of ["/api/v2/product/no_such_api", "/api/v1/product/get_item_list", "/nothing"]) {
      const response = await fetch(shopeeUrl(t, path, auth));
      expect(response.status).toBe(404);
      const json = (await response.json()) as Record<string, unknown>;
      expect(Object.keys(json).sort()).toEqual(["error", "message", "request_id"]);
      expect(json.error).toBe("error_not_found");
    }
    const versioned = (await (await fetch(shopeeUrl(t, "/api/v1/product/get_item_list", auth))).json()) as {
      message: string;
    };
    expect(versioned.message).toContain("v2");
  });
});

describe("admin: delete one shop", () => {
  it("removes the shop, its products, orders and tokens, and leaves the others", async () => {
    const shopee = t.sim.ctx.store.listShops("shopee")[0]?.shopId ?? "";
    const tiktok = t.sim.ctx.store.listShops("tiktok")[0]?.shopId ?? "";
    const auth = await shopeeConnect(t, shopee);
    const removed = await fetch(`${t.base}/admin/shops/shopee/${shopee}`, { method: "DELETE" });
    expect(removed.status).toBe(200);
    expect(await removed.json()).toMatchObject({
      deleted: { platform: "shopee", shopId: shopee, products: 6, orders: 0, tokens: 2 },
    });
    expect((await fetch(`${t.base}/admin/shops/shopee/${shopee}`)).status).toBe(404);
    expect(t.sim.ctx.store.listShops("tiktok").map((shop) => shop.shopId)).toEqual([tiktok]);
    // The deleted shop's token no longer works.
    const call = (await (await fetch(shopeeUrl(t, "/api/v2/shop/get_shop_info", auth))).json()) as { error: string };
    expect(call.error).toBe("error_auth");
    expect((await fetch(`${t.base}/admin/shops/shopee/${shopee}`, { method: "DELETE" })).status).toBe(404);
  });
});
