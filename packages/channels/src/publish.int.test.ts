import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeChannelAgent } from "./http";
import { ShopeeAdapter } from "./shopee/adapter";
import { startSimulator, type RunningSimulator } from "./testing/simulator";
import { testChannelEnv } from "./testing/env";
import { TikTokAdapter } from "./tiktok/adapter";
import { type ShopSession } from "./types";

/*
 * Creating products (publish) through both adapters over real HTTP, and TikTok price and stock
 * updates above its 100-SKU limit (Shopee's 50 is covered in simulator.int.test.ts).
 */

let sim: RunningSimulator;
let shopee: ShopeeAdapter;
let tiktok: TikTokAdapter;

function adapters() {
  shopee = new ShopeeAdapter({
    baseUrl: sim.env.SHOPEE_API_BASE_URL,
    partnerId: testChannelEnv.SHOPEE_PARTNER_ID,
    partnerKey: testChannelEnv.SHOPEE_PARTNER_KEY,
    timeoutMs: 5_000,
    pushCallbackUrl: "http://localhost:4000/webhooks/shopee",
  });
  tiktok = new TikTokAdapter({
    apiBaseUrl: sim.env.TIKTOK_API_BASE_URL,
    authBaseUrl: sim.env.TIKTOK_AUTH_BASE_URL,
    authorizeUrl: sim.env.TIKTOK_AUTHORIZE_URL,
    appKey: testChannelEnv.TIKTOK_APP_KEY,
    appSecret: testChannelEnv.TIKTOK_APP_SECRET,
    serviceId: testChannelEnv.TIKTOK_SERVICE_ID,
    timeoutMs: 5_000,
  });
}

async function shop(platform: "shopee" | "tiktok", region: string) {
  const { shop: created } = await sim.admin<{ shop: { shopId: string; locations: string[] } }>("POST", "/shops", {
    platform,
    name: `Publish ${platform}`,
    region,
    products: 0,
  });
  const adapter = platform === "shopee" ? shopee : tiktok;
  const back = await sim.authorize(
    adapter.authorizationUrl({ redirectUrl: "http://localhost:3000/cb", state: "s" }),
    created.shopId,
  );
  const grant = await adapter.exchangeCode({ code: back.searchParams.get("code") ?? "", shopId: created.shopId });
  const session: ShopSession = {
    shopId: created.shopId,
    accessToken: grant.accessToken,
    region,
    shopCipher: grant.shops.find((s) => s.shopId === created.shopId)?.shopCipher,
  };
  return { session, locations: created.locations };
}

beforeAll(async () => {
  sim = await startSimulator("53");
  adapters();
}, 30_000);

afterAll(async () => {
  await closeChannelAgent();
  sim?.stop();
});

describe("publishing through the adapters", () => {
  it("creates a Shopee item with two models and reads it back", async () => {
    const { session } = await shop("shopee", "SG");
    const created = await shopee.createListing(session, {
      title: "Canvas Tote",
      description: "A sturdy canvas tote bag.",
      categoryId: "100001",
      images: ["https://example.test/tote.jpg"],
      weightGrams: 300,
      extra: { logistic_info: [{ logistic_id: 10001, enabled: true }] },
      variants: [
        { sku: "TOTE-RED", price: { amount: "12.90", currency: "SGD" }, stock: 4, options: { Colour: "Red" } },
        { sku: "TOTE-BLUE", price: { amount: "13.90", currency: "SGD" }, stock: 6, options: { Colour: "Blue" } },
      ],
    });
    expect(created.variants.map((v) => v.sku)).toEqual(["TOTE-RED", "TOTE-BLUE"]);
    expect(created.variants.every((v) => /^\d+$/.test(v.variantId))).toBe(true);
    const product = await shopee.getProduct(session, created.productId);
    expect(product.variants.map((v) => [v.variantId, v.sku, v.price?.amount, v.stock, v.options])).toEqual([
      [created.variants[0]?.variantId, "TOTE-RED", "12.90", 4, { Colour: "Red" }],
      [created.variants[1]?.variantId, "TOTE-BLUE", "13.90", 6, { Colour: "Blue" }],
    ]);
  });

  it("refuses an item the platform rejects, with the platform's message", async () => {
    const { session } = await shop("shopee", "SG");
    await expect(
      shopee.createListing(session, {
        title: "No category",
        description: "Missing a real category.",
        categoryId: "0",
        images: ["https://example.test/x.jpg"],
        weightGrams: 100,
        extra: { logistic_info: [{ logistic_id: 10001, enabled: true }] },
        variants: [{ sku: "NOCAT", price: { amount: "5.00", currency: "SGD" }, stock: 1, options: {} }],
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringContaining("category_id") as string });
  });

  it("creates a TikTok Shop product, then updates 120 SKU prices and stocks in calls of at most 100", async () => {
    const { session, locations } = await shop("tiktok", "US");
    const created = await tiktok.createListing(session, {
      title: "Desk Lamp",
      description: "An adjustable desk lamp.",
      categoryId: "600001",
      images: ["https://example.test/lamp.jpg"],
      weightGrams: 1200,
      locationId: locations[0],
      variants: [
        { sku: "LAMP-W", price: { amount: "24.00", currency: "USD" }, stock: 3, options: { Colour: "White" } },
        { sku: "LAMP-B", price: { amount: "25.00", currency: "USD" }, stock: 2, options: { Colour: "Black" } },
      ],
    });
    const lamp = await tiktok.getProduct(session, created.productId);
    expect(lamp.variants.map((v) => [v.sku, Number(v.price?.amount), v.stock])).toEqual([
      ["LAMP-W", 24, 3],
      ["LAMP-B", 25, 2],
    ]);

    const colours = Array.from({ length: 12 }, (_, i) => `C${i}`);
    const sizes = Array.from({ length: 10 }, (_, i) => `S${i}`);
    await sim.admin("POST", `/shops/tiktok/${session.shopId}/products`, {
      products: [
        {
          title: "Huge matrix",
          tiers: [
            { name: "Colour", options: colours },
            { name: "Size", options: sizes },
          ],
          variants: colours.flatMap((_, c) =>
            sizes.map((__, s) => ({ sku: `HM-${c}-${s}`, price: 10, stock: 1, tierIndex: [c, s] })),
          ),
        },
      ],
    });
    const { products } = await tiktok.listProducts(session);
    const huge = products.find((p) => p.title === "Huge matrix");
    expect(huge?.variants).toHaveLength(120);
    const productId = huge?.productId ?? "";
    const skus = huge?.variants ?? [];
    const prices = await tiktok.updatePrices(
      session,
      skus.map((v) => ({ productId, variantId: v.variantId, price: { amount: "11.5", currency: "USD" } })),
    );
    expect(prices).toMatchObject({ calls: 2, failed: [] });
    const stock = await tiktok.updateStock(
      session,
      skus.map((v, i) => ({ productId, variantId: v.variantId, quantity: i })),
    );
    expect(stock).toMatchObject({ calls: 2, failed: [] });
    const after = await tiktok.getProduct(session, productId);
    expect(new Set(after.variants.map((v) => Number(v.price?.amount)))).toEqual(new Set([11.5]));
    expect(after.variants.reduce((sum, v) => sum + v.stock, 0)).toBe((119 * 120) / 2);
  });

  it("maps injected TikTok 5xx to TRANSIENT and a tampered signature to the platform's sign error", async () => {
    const { session } = await shop("tiktok", "US");
    try {
      await sim.admin("PUT", `/shops/tiktok/${session.shopId}/faults`, { errorRate: 1 });
      await expect(tiktok.listProducts(session)).rejects.toMatchObject({ code: "TRANSIENT" });
    } finally {
      await sim.admin("DELETE", `/shops/tiktok/${session.shopId}/faults`);
    }
    await expect(tiktok.listProducts(session)).resolves.toMatchObject({ products: [] });
    await expect(tiktok.listProducts({ ...session, accessToken: `${session.accessToken}x` })).rejects.toMatchObject({
      code: expect.stringMatching(/AUTH_/) as string,
    });
  });
});

describe("adding variants to a published product", () => {
  it("appends a Shopee tier option and adds the model with add_model, keeping the existing models", async () => {
    const { session } = await shop("shopee", "SG");
    const created = await shopee.createListing(session, {
      title: "Cap",
      description: "A baseball cap.",
      categoryId: "100001",
      images: ["https://example.test/cap.jpg"],
      weightGrams: 120,
      extra: { logistic_info: [{ logistic_id: 10001, enabled: true }] },
      variants: [
        { sku: "CAP-RED", price: { amount: "9.90", currency: "SGD" }, stock: 4, options: { Colour: "Red" } },
        { sku: "CAP-BLUE", price: { amount: "9.90", currency: "SGD" }, stock: 2, options: { Colour: "Blue" } },
      ],
    });
    const added = await shopee.addVariants(session, created.productId, {
      variants: [
        { sku: "CAP-GREEN", price: { amount: "10.50", currency: "SGD" }, stock: 7, options: { Colour: "Green" } },
      ],
    });
    expect(added.productId).toBe(created.productId);
    expect(added.variants).toHaveLength(1);
    expect(added.variants[0]?.variantId).toMatch(/^\d+$/);
    const product = await shopee.getProduct(session, created.productId);
    expect(product.variants.map((v) => [v.variantId, v.sku, v.price?.amount, v.stock, v.options])).toEqual([
      [created.variants[0]?.variantId, "CAP-RED", "9.90", 4, { Colour: "Red" }],
      [created.variants[1]?.variantId, "CAP-BLUE", "9.90", 2, { Colour: "Blue" }],
      [added.variants[0]?.variantId, "CAP-GREEN", "10.50", 7, { Colour: "Green" }],
    ]);

    // The platform refuses a second model with the same options, with its message.
    await expect(
      shopee.addVariants(session, created.productId, {
        variants: [
          { sku: "CAP-GREEN-2", price: { amount: "10.50", currency: "SGD" }, stock: 1, options: { Colour: "Green" } },
        ],
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringContaining("already exists") as string });
    // Options the item does not have are refused before sending; so is an item without variations.
    await expect(
      shopee.addVariants(session, created.productId, {
        variants: [{ sku: "CAP-X", price: { amount: "1.00", currency: "SGD" }, stock: 1, options: { Size: "L" } }],
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringContaining("Colour") as string });
    const single = await shopee.createListing(session, {
      title: "Pin",
      description: "An enamel pin.",
      categoryId: "100001",
      images: ["https://example.test/pin.jpg"],
      weightGrams: 10,
      extra: { logistic_info: [{ logistic_id: 10001, enabled: true }] },
      variants: [{ sku: "PIN", price: { amount: "3.00", currency: "SGD" }, stock: 1, options: {} }],
    });
    await expect(
      shopee.addVariants(session, single.productId, {
        variants: [{ sku: "PIN-2", price: { amount: "3.00", currency: "SGD" }, stock: 1, options: { Colour: "Red" } }],
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    // Signed and token-checked like every other shop call.
    await expect(
      shopee.addVariants({ ...session, accessToken: `${session.accessToken}x` }, created.productId, {
        variants: [
          { sku: "CAP-PINK", price: { amount: "10.50", currency: "SGD" }, stock: 1, options: { Colour: "Pink" } },
        ],
      }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/AUTH_/) as string });
  });

  it("adds a TikTok Shop SKU with a full product edit, keeping the existing SKUs", async () => {
    const { session, locations } = await shop("tiktok", "US");
    const created = await tiktok.createListing(session, {
      title: "Mug",
      description: "A stoneware mug.",
      categoryId: "600001",
      images: ["https://example.test/mug.jpg"],
      weightGrams: 400,
      locationId: locations[0],
      variants: [
        { sku: "MUG-W", price: { amount: "14.00", currency: "USD" }, stock: 3, options: { Colour: "White" } },
        { sku: "MUG-B", price: { amount: "15.00", currency: "USD" }, stock: 2, options: { Colour: "Black" } },
      ],
    });
    await expect(
      tiktok.addVariants(session, created.productId, {
        variants: [{ sku: "MUG-R", price: { amount: "16.00", currency: "USD" }, stock: 5, options: { Colour: "Red" } }],
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const added = await tiktok.addVariants(session, created.productId, {
      locationId: locations[0],
      variants: [{ sku: "MUG-R", price: { amount: "16.00", currency: "USD" }, stock: 5, options: { Colour: "Red" } }],
    });
    expect(added.variants[0]?.variantId).toBeTruthy();
    const mug = await tiktok.getProduct(session, created.productId);
    expect(mug.title).toBe("Mug");
    expect(mug.variants.map((v) => [v.variantId, v.sku, Number(v.price?.amount), v.stock, v.options])).toEqual([
      [created.variants[0]?.variantId, "MUG-W", 14, 3, { Colour: "White" }],
      [created.variants[1]?.variantId, "MUG-B", 15, 2, { Colour: "Black" }],
      [added.variants[0]?.variantId, "MUG-R", 16, 5, { Colour: "Red" }],
    ]);
    // The platform refuses a SKU whose attributes repeat an existing one.
    await expect(
      tiktok.addVariants(session, created.productId, {
        locationId: locations[0],
        variants: [
          { sku: "MUG-R2", price: { amount: "16.00", currency: "USD" }, stock: 1, options: { Colour: "Red" } },
        ],
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringContaining("share") as string });
  });
});
