import { describe, expect, it } from "vitest";
import { type HttpRequest } from "../http";
import { verifyShopeeRequest } from "../signing/shopee";
import { fakeTransport, type FakeReply, jsonBody } from "../testing/fake-transport";
import { ShopeeAdapter } from "./adapter";

const partnerId = 2001887;
const partnerKey = "shopee-partner-key-test-0001";
const now = 1_718_000_000_000;
const session = { shopId: "14701711", accessToken: "token-1", region: "SG" };

function adapter(reply: (request: HttpRequest, index: number) => FakeReply) {
  const fake = fakeTransport(reply);
  const shopee = new ShopeeAdapter({
    baseUrl: "http://shopee.sim.local/",
    partnerId,
    partnerKey,
    pushCallbackUrl: "https://hooks.example.com/webhooks/shopee",
    transport: fake.transport,
    now: () => now,
  });
  return { shopee, requests: fake.requests };
}

/** Checks a request the way Shopee does: the path signed is the path requested. */
function expectShopSigned(request: HttpRequest, apiPath: string) {
  const params = request.url.searchParams;
  expect(request.url.pathname).toBe(apiPath);
  expect(params.get("partner_id")).toBe(String(partnerId));
  expect(params.get("timestamp")).toBe(String(now / 1000));
  expect(
    verifyShopeeRequest(
      partnerKey,
      {
        partnerId,
        path: request.url.pathname,
        timestamp: Number(params.get("timestamp")),
        target: { type: "shop", accessToken: params.get("access_token") ?? "", shopId: params.get("shop_id") ?? "" },
      },
      params.get("sign"),
    ),
  ).toBe(true);
}

const ok = (response: unknown): FakeReply => ({ json: { request_id: "r", error: "", message: "", response } });

describe("ShopeeAdapter", () => {
  it("builds a signed auth_partner link carrying state in the redirect", () => {
    const { shopee } = adapter(() => ({}));
    const url = new URL(shopee.authorizationUrl({ redirectUrl: "http://localhost:3000/cb?x=1", state: "s-123" }));
    expect(url.pathname).toBe("/api/v2/shop/auth_partner");
    expect(url.searchParams.get("redirect")).toBe("http://localhost:3000/cb?x=1&state=s-123");
    expect(
      verifyShopeeRequest(
        partnerKey,
        { partnerId, path: "/api/v2/shop/auth_partner", timestamp: now / 1000, target: { type: "public" } },
        url.searchParams.get("sign"),
      ),
    ).toBe(true);
  });

  it("exchanges a code (flat token reply) and fills the shop name", async () => {
    const { shopee, requests } = adapter((request) =>
      request.url.pathname.endsWith("/auth/token/get")
        ? {
            json: { access_token: "a", refresh_token: "r", expire_in: 14_400, request_id: "x", error: "", message: "" },
          }
        : { json: { shop_name: "Demo SG", region: "SG", status: "NORMAL", error: "", message: "" } },
    );
    const grant = await shopee.exchangeCode({ code: "c0de", shopId: "14701711" });
    expect(jsonBody(requests[0]!)).toEqual({ code: "c0de", partner_id: partnerId, shop_id: 14701711 });
    expect(grant).toMatchObject({
      accessToken: "a",
      refreshToken: "r",
      accessTokenExpiresAt: new Date(now + 14_400_000),
      shops: [{ shopId: "14701711", name: "Demo SG", region: "SG" }],
    });
    expect(grant.refreshTokenExpiresAt?.getTime()).toBe(now + 30 * 24 * 3600 * 1000);
  });

  it("maps a refused refresh to AUTH_REVOKED", async () => {
    const { shopee } = adapter(() => ({
      status: 403,
      json: { error: "error_auth", message: "Invalid refresh_token.", request_id: "q" },
    }));
    await expect(shopee.refreshToken({ refreshToken: "old", shopId: "1" })).rejects.toMatchObject({
      code: "AUTH_REVOKED",
      requestId: "q",
    });
  });

  it("splits 120 model prices into signed calls of at most 50 and maps failure_list", async () => {
    const { shopee, requests } = adapter((request) => {
      const body = jsonBody(request) as { price_list: { model_id: number }[] };
      const failing = body.price_list.filter((entry) => entry.model_id === 1005);
      return ok({
        success_list: body.price_list.filter((entry) => entry.model_id !== 1005),
        failure_list: failing.map((entry) => ({ model_id: entry.model_id, failed_reason: "price too low" })),
      });
    });
    const updates = Array.from({ length: 120 }, (_, index) => ({
      productId: "800123",
      variantId: String(1000 + index),
      price: { amount: "19.9", currency: "SGD" },
    }));
    const result = await shopee.updatePrices(session, [
      ...updates,
      { productId: "800123", variantId: "1", price: { amount: "1.999", currency: "SGD" } },
    ]);
    expect(requests).toHaveLength(3);
    expect(requests.map((r) => (jsonBody(r).price_list as unknown[]).length)).toEqual([50, 50, 20]);
    for (const request of requests) expectShopSigned(request, "/api/v2/product/update_price");
    expect(jsonBody(requests[0]!).item_id).toBe(800123);
    expect((jsonBody(requests[0]!).price_list as unknown[])[0]).toEqual({ model_id: 1000, original_price: 19.9 });
    expect(result.succeeded).toHaveLength(119);
    expect(result.failed.map((f) => [f.update.variantId, f.error.code])).toEqual([
      ["1", "VALIDATION"],
      ["1005", "VALIDATION"],
    ]);
    expect(result.failed[1]?.error.message).toContain("price too low");
  });

  it("stops a stock batch at a rate limit and honours Retry-After", async () => {
    const { shopee, requests } = adapter((_request, index) =>
      index === 0
        ? ok({ success_list: [], failure_list: [] })
        : {
            status: 429,
            headers: { "retry-after": "2" },
            json: { error: "error_system_busy", message: "busy", request_id: "z" },
          },
    );
    const updates = Array.from({ length: 160 }, (_, index) => ({
      productId: "5",
      variantId: String(index + 1),
      quantity: 3,
    }));
    const result = await shopee.updateStock(session, updates);
    expect(requests).toHaveLength(2);
    expect(jsonBody(requests[0]!).item_id).toBe(5);
    expect((jsonBody(requests[0]!).stock_list as unknown[])[0]).toEqual({ model_id: 1, seller_stock: [{ stock: 3 }] });
    expect(result.succeeded).toHaveLength(50);
    expect(result.failed).toHaveLength(110);
    expect(result.failed[0]?.error).toMatchObject({ code: "RATE_LIMITED", retryAfterMs: 2000 });
  });

  it("lists products with models, prices as decimal strings and seller stock", async () => {
    const { shopee, requests } = adapter((request) => {
      const path = request.url.pathname;
      if (path.endsWith("/get_item_list")) {
        return ok({
          item: [
            { item_id: 1, item_status: "NORMAL" },
            { item_id: 2, item_status: "NORMAL" },
          ],
          total_count: 3,
          has_next_page: true,
          next_offset: 2,
        });
      }
      if (path.endsWith("/get_item_base_info")) {
        return ok({
          item_list: [
            {
              item_id: 1,
              item_name: "Plain tee",
              item_sku: "TEE",
              item_status: "NORMAL",
              has_model: false,
              update_time: 1_700_000_000,
              price_info: [{ currency: "SGD", original_price: 12.5 }],
              stock_info_v2: { seller_stock: [{ stock: 7 }] },
            },
            { item_id: 2, item_name: "Hoodie", item_status: "NORMAL", has_model: true },
          ],
        });
      }
      return ok({
        tier_variation: [{ name: "Size", option_list: [{ option: "S" }, { option: "M" }] }],
        model: [
          {
            model_id: 21,
            model_sku: "HOOD-M",
            tier_index: [1],
            price_info: [{ currency: "SGD", original_price: 30 }],
            stock_info_v2: { seller_stock: [{ location_id: "SGZ", stock: 4 }] },
          },
        ],
      });
    });
    const page = await shopee.listProducts(session, { pageSize: 2 });
    expect(requests[0]!.url.searchParams.getAll("item_status")).toEqual(["NORMAL", "UNLIST", "BANNED", "REVIEWING"]);
    expect(requests[1]!.url.searchParams.get("item_id_list")).toBe("1,2");
    expect(requests[2]!.url.searchParams.get("item_id")).toBe("2");
    expect(page.nextPageToken).toBe("2");
    expect(page.products[0]).toMatchObject({
      productId: "1",
      hasVariants: false,
      variants: [{ variantId: "0", sku: "TEE", price: { amount: "12.50", currency: "SGD" }, stock: 7 }],
    });
    expect(page.products[1]?.variants).toEqual([
      {
        variantId: "21",
        sku: "HOOD-M",
        price: { amount: "30.00", currency: "SGD" },
        stock: 4,
        locations: [{ locationId: "SGZ", quantity: 4 }],
        options: { Size: "M" },
      },
    ]);
  });

  it("reports a missing item as NOT_FOUND and a bad token as AUTH_EXPIRED", async () => {
    await expect(adapter(() => ok({ item_list: [] })).shopee.getProduct(session, "9")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      adapter(() => ({
        status: 403,
        json: { error: "error_auth", message: "Invalid access_token." },
      })).shopee.getShopInfo(session),
    ).rejects.toMatchObject({ code: "AUTH_EXPIRED" });
  });

  it("reports health without throwing, with quota when headers carry it", async () => {
    const healthy = await adapter(() => ({
      json: { shop_name: "S", region: "SG", error: "" },
      headers: { "x-ratelimit-limit": "100", "x-ratelimit-remaining": "97" },
    })).shopee.checkHealth(session);
    expect(healthy).toMatchObject({ ok: true, shop: { name: "S" }, quota: { limit: 100, remaining: 97 }, error: null });
    const broken = await adapter(() => ({ status: 502, text: "<html>bad gateway</html>" })).shopee.checkHealth(session);
    expect(broken).toMatchObject({ ok: false, error: { code: "TRANSIENT" } });
  });
});
