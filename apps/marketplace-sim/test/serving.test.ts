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
