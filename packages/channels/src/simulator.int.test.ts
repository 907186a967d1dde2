import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeChannelAgent } from "./http";
import { startSimulator, type RunningSimulator } from "./testing/simulator";
import { ShopeeAdapter, type ShopeeAdapterOptions } from "./shopee/adapter";
import { TikTokAdapter } from "./tiktok/adapter";
import { type ShopSession } from "./types";

/*
 * Adapters over real HTTP against apps/marketplace-sim, started as a child process (a package
 * must not import an app, and the simulator already depends on this package). Credentials are
 * the simulator's seeded development app, the same as the config defaults.
 */

const shopeeApp = { partnerId: 2001887, partnerKey: "shpk-syncstore-dev-partner-key-0001" };
const tiktokApp = {
  appKey: "6syncstoredev",
  appSecret: "syncstore-dev-tiktok-app-secret-0001",
  serviceId: "7100000000000000001",
};

let sim: RunningSimulator;

const admin = <T>(method: string, path: string, body?: unknown) => sim.admin<T>(method, path, body);
const authorize = (pageUrl: string, shopId: string) => sim.authorize(pageUrl, shopId);

function shopeeAdapter(overrides: Partial<ShopeeAdapterOptions> = {}) {
  return new ShopeeAdapter({
    baseUrl: sim.env.SHOPEE_API_BASE_URL,
    ...shopeeApp,
    pushCallbackUrl: "http://localhost:4000/webhooks/shopee",
    timeoutMs: 5_000,
    ...overrides,
  });
}

function tiktokAdapter(appSecret = tiktokApp.appSecret) {
  return new TikTokAdapter({
    apiBaseUrl: sim.env.TIKTOK_API_BASE_URL,
    authBaseUrl: sim.env.TIKTOK_AUTH_BASE_URL,
    authorizeUrl: sim.env.TIKTOK_AUTHORIZE_URL,
    appKey: tiktokApp.appKey,
    appSecret,
    serviceId: tiktokApp.serviceId,
    timeoutMs: 5_000,
  });
}

describe("adapters against the marketplace simulator", () => {
  beforeAll(async () => {
    sim = await startSimulator("7");
  }, 30_000);

  afterAll(async () => {
    await closeChannelAgent();
    sim?.stop();
  });

  describe("Shopee", () => {
    let shopId = "";
    let session: ShopSession;
    let refreshToken = "";

    beforeAll(async () => {
      const { shop } = await admin<{ shop: { shopId: string } }>("POST", "/shops", {
        platform: "shopee",
        name: "Int SG",
        region: "SG",
        products: 2,
      });
      shopId = shop.shopId;
      const back = await authorize(
        shopeeAdapter().authorizationUrl({ redirectUrl: "http://localhost:3000/cb", state: "st-1" }),
        shopId,
      );
      expect(back.searchParams.get("state")).toBe("st-1");
      expect(back.searchParams.get("shop_id")).toBe(shopId);
      const grant = await shopeeAdapter().exchangeCode({ code: back.searchParams.get("code") ?? "", shopId });
      expect(grant.shops).toEqual([{ shopId, name: "Int SG", region: "SG", currency: "SGD" }]);
      session = { shopId, accessToken: grant.accessToken, region: "SG" };
      refreshToken = grant.refreshToken;
    }, 15_000);

    it("updates 120 model prices and stocks in calls of at most 50", async () => {
      const colours = Array.from({ length: 12 }, (_, i) => `C${i}`);
      const sizes = Array.from({ length: 10 }, (_, i) => `S${i}`);
      const { products } = await admin<{ products: { itemId?: string; productId?: string; id?: string }[] }>(
        "POST",
        `/shops/shopee/${shopId}/products`,
        {
          products: [
            {
              title: "Big matrix",
              tiers: [
                { name: "Colour", options: colours },
                { name: "Size", options: sizes },
              ],
              variants: colours.flatMap((_, c) =>
                sizes.map((__, s) => ({ sku: `BM-${c}-${s}`, price: 10, stock: 1, tierIndex: [c, s] })),
              ),
            },
          ],
        },
      );
      expect(products).toHaveLength(1);
      const list = await shopeeAdapter().listProducts(session);
      const big = list.products.find((p) => p.title === "Big matrix");
      expect(big?.variants).toHaveLength(120);
      const productId = big?.productId ?? "";
      const variants = big?.variants ?? [];

      const prices = await shopeeAdapter().updatePrices(
        session,
        variants.map((v) => ({ productId, variantId: v.variantId, price: { amount: "12.5", currency: "SGD" } })),
      );
      expect(prices).toMatchObject({ calls: 3, failed: [] });
      const stock = await shopeeAdapter().updateStock(
        session,
        variants.map((v, i) => ({ productId, variantId: v.variantId, quantity: i })),
      );
      expect(stock).toMatchObject({ calls: 3, failed: [] });

      const after = await shopeeAdapter().getProduct(session, productId);
      expect(new Set(after.variants.map((v) => v.price?.amount))).toEqual(new Set(["12.50"]));
      expect(after.variants.reduce((sum, v) => sum + v.stock, 0)).toBe((119 * 120) / 2);
    });

    it("reads an order's tracking number from logistics/get_tracking_number once it ships", async () => {
      const { products } = await admin<{ shop: unknown; products: { id: string; variants: { id: string }[] }[] }>(
        "GET",
        `/shops/shopee/${shopId}`,
      );
      const product = products[0]!;
      const { result } = await admin<{ result: { id: string } }>("POST", `/shops/shopee/${shopId}/orders`, {
        lines: [{ productId: product.id, variantId: product.variants[0]!.id, quantity: 1 }],
        paid: true,
      });
      const [before] = await shopeeAdapter().getOrders(session, [result.id]);
      expect(before?.trackingNumber).toBeNull();
      const shipped = await admin<{ result: { trackingNumber: string } }>(
        "POST",
        `/shops/shopee/${shopId}/orders/${result.id}/ship`,
      );
      const [after] = await shopeeAdapter().getOrders(session, [result.id]);
      expect(after?.status).toBe("SHIPPED");
      expect(after?.trackingNumber).toBe(shipped.result.trackingNumber);
    });

    it("rejects a tampered signature with error_sign", async () => {
      await expect(shopeeAdapter({ partnerKey: "not-the-key" }).getShopInfo(session)).rejects.toMatchObject({
        code: "VALIDATION",
        platformCode: "error_sign",
      });
    });

    it("expires access tokens, refreshes once, and refuses the spent refresh token", async () => {
      await admin("POST", `/shops/shopee/${shopId}/expire-tokens`);
      await expect(shopeeAdapter().getShopInfo(session)).rejects.toMatchObject({ code: "AUTH_EXPIRED" });
      const tokens = await shopeeAdapter().refreshToken({ refreshToken, shopId });
      session = { ...session, accessToken: tokens.accessToken };
      await expect(shopeeAdapter().getShopInfo(session)).resolves.toMatchObject({ name: "Int SG" });
      await expect(shopeeAdapter().refreshToken({ refreshToken, shopId })).rejects.toMatchObject({
        code: "AUTH_REVOKED",
      });
    });

    it("maps injected rate limits, 5xx and timeouts", async () => {
      try {
        await admin("PUT", `/shops/shopee/${shopId}/faults`, { rateLimitPerSecond: 1, rateLimitScope: "shop" });
        const outcomes = await Promise.allSettled([
          shopeeAdapter().getShopInfo(session),
          shopeeAdapter().getShopInfo(session),
        ]);
        const limited = outcomes.find((o) => o.status === "rejected");
        expect(limited?.status === "rejected" ? limited.reason : null).toMatchObject({
          code: "RATE_LIMITED",
          retryAfterMs: 1000,
        });

        await admin("PUT", `/shops/shopee/${shopId}/faults`, { rateLimitPerSecond: null, errorRate: 1 });
        await expect(shopeeAdapter().getShopInfo(session)).rejects.toMatchObject({ code: "TRANSIENT" });

        await admin("PUT", `/shops/shopee/${shopId}/faults`, { errorRate: 0, timeoutRate: 1 });
        await expect(shopeeAdapter({ timeoutMs: 300 }).getShopInfo(session)).rejects.toMatchObject({
          code: "TRANSIENT",
          message: expect.stringContaining("timed out"),
        });
      } finally {
        await admin("DELETE", `/shops/shopee/${shopId}/faults`);
      }
    });
  });

  describe("TikTok Shop", () => {
    let session: ShopSession;

    beforeAll(async () => {
      const { shop } = await admin<{ shop: { shopId: string } }>("POST", "/shops", {
        platform: "tiktok",
        name: "Int US",
        region: "US",
        products: 3,
      });
      const back = await authorize(tiktokAdapter().authorizationUrl({ redirectUrl: "", state: "st-2" }), shop.shopId);
      expect(back.searchParams.get("state")).toBe("st-2");
      const grant = await tiktokAdapter().exchangeCode({ code: back.searchParams.get("code") ?? "" });
      const connected = grant.shops.find((s) => s.shopId === shop.shopId);
      expect(connected?.shopCipher).toBeTruthy();
      session = { shopId: shop.shopId, accessToken: grant.accessToken, shopCipher: connected?.shopCipher ?? "" };
    }, 15_000);

    it("lists, reprices and restocks across products", async () => {
      const first = await tiktokAdapter().listProducts(session, { pageSize: 2 });
      expect(first.products).toHaveLength(2);
      const second = await tiktokAdapter().listProducts(session, { pageSize: 2, pageToken: first.nextPageToken });
      const all = [...first.products, ...second.products];
      expect(all).toHaveLength(3);
      const skus = all.flatMap((p) => p.variants.map((v) => ({ productId: p.productId, variantId: v.variantId })));

      const prices = await tiktokAdapter().updatePrices(
        session,
        skus.map((s) => ({ ...s, price: { amount: "7.5", currency: "USD" } })),
      );
      expect(prices).toMatchObject({ calls: 3, failed: [] });
      const stock = await tiktokAdapter().updateStock(
        session,
        skus.map((s) => ({ ...s, quantity: 5 })),
      );
      expect(stock.failed).toEqual([]);

      const product = await tiktokAdapter().getProduct(session, all[0]?.productId ?? "");
      expect(product.variants.every((v) => v.price?.amount === "7.50" && v.stock === 5)).toBe(true);
    });

    it("rejects a tampered signature and reports a missing product", async () => {
      await expect(tiktokAdapter("wrong-secret").listProducts(session)).rejects.toMatchObject({
        code: "VALIDATION",
        platformCode: "106001",
      });
      await expect(tiktokAdapter().getProduct(session, "1")).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("maps the platform rate limit", async () => {
      try {
        await admin("PUT", `/shops/tiktok/${session.shopId}/faults`, { rateLimitPerSecond: 1, rateLimitScope: "shop" });
        const outcomes = await Promise.allSettled([
          tiktokAdapter().getShopInfo(session),
          tiktokAdapter().getShopInfo(session),
        ]);
        const limited = outcomes.find((o) => o.status === "rejected");
        expect(limited?.status === "rejected" ? limited.reason : null).toMatchObject({
          code: "RATE_LIMITED",
          platformCode: "36009002",
        });
      } finally {
        await admin("DELETE", `/shops/tiktok/${session.shopId}/faults`);
      }
    });
  });
});
