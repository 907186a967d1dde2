import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelError } from "./errors";
import { closeChannelAgent } from "./http";
import { ShopeeAdapter } from "./shopee/adapter";
import { testChannelEnv } from "./testing/env";
import { startSimulator, type RunningSimulator } from "./testing/simulator";
import { TikTokAdapter } from "./tiktok/adapter";
import { type DailyFigures, type ShopSession, type SkuFigures } from "./types";

/*
 * The adapters' performance (analytics) APIs over real HTTP against the simulators: Shopee's
 * cumulative item counters (`product/get_item_extra_info`) and TikTok Shop's daily shop, product
 * and SKU analytics. Orders placed in the simulator must show in what the adapters read back. The
 * documented examples of the same endpoints are in contracts/ (contracts.test.ts and
 * contracts.int.test.ts).
 */

let sim: RunningSimulator;
let shopee: ShopeeAdapter;
let tiktok: TikTokAdapter;

interface SimProduct {
  id: string;
  variants: { id: string }[];
}

async function connectedShop(platform: "shopee" | "tiktok", region: string, products: number) {
  const { shop } = await sim.admin<{ shop: { shopId: string } }>("POST", "/shops", {
    platform,
    name: `Performance ${platform}`,
    region,
    products,
  });
  const adapter = platform === "shopee" ? shopee : tiktok;
  const back = await sim.authorize(
    adapter.authorizationUrl({ redirectUrl: "http://localhost:3000/cb", state: "s" }),
    shop.shopId,
  );
  const grant = await adapter.exchangeCode({ code: back.searchParams.get("code") ?? "", shopId: shop.shopId });
  const session: ShopSession = {
    shopId: shop.shopId,
    accessToken: grant.accessToken,
    region,
    shopCipher: grant.shops.find((entry) => entry.shopId === shop.shopId)?.shopCipher,
  };
  const detail = await sim.admin<{ products: SimProduct[] }>("GET", `/shops/${platform}/${shop.shopId}`);
  return { session, products: detail.products };
}

async function placeOrder(
  platform: "shopee" | "tiktok",
  shopId: string,
  line: { productId: string; variantId?: string; quantity: number },
  daysAgo = 0,
) {
  await sim.admin("POST", `/shops/${platform}/${shopId}/orders`, { lines: [line], paid: true, daysAgo });
}

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const total = (days: DailyFigures[], key: "unitsSold" | "orders") =>
  days.reduce((sum, day) => sum + (day[key] ?? 0), 0);

beforeAll(async () => {
  sim = await startSimulator("67");
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
}, 90_000);

afterAll(async () => {
  await closeChannelAgent();
  sim?.stop();
});

describe("Shopee performance: product/get_item_extra_info", () => {
  it("reads cumulative counters per item, and an order's units show in the item's sales", async () => {
    const { session, products } = await connectedShop("shopee", "SG", 3);
    const api = shopee.performance;
    expect(api).toMatchObject({ kind: "cumulative", itemsPerCall: 50, api: "product.get_item_extra_info" });
    if (api.kind !== "cumulative") return;
    const [first, second] = products as [SimProduct, SimProduct];

    const before = await api.getItemCounters(session, [first.id, second.id]);
    expect(before.map((entry) => entry.productId)).toEqual([first.id, second.id]);
    for (const entry of before) {
      expect(entry.sales).toBe(0);
      expect(entry.views).toBeGreaterThanOrEqual(0);
      expect(entry.ratingStar).toBeGreaterThanOrEqual(4);
      expect(entry.ratingStar).toBeLessThanOrEqual(5);
    }

    await placeOrder("shopee", session.shopId, { productId: first.id, variantId: first.variants[0]?.id, quantity: 3 });
    const after = await api.getItemCounters(session, [first.id, second.id]);
    const sold = after.find((entry) => entry.productId === first.id)!;
    const beforeFirst = before.find((entry) => entry.productId === first.id)!;
    expect(sold.sales).toBe(3);
    expect(sold.commentCount).toBe(1);
    expect(sold.views).toBeGreaterThanOrEqual(beforeFirst.views + 24);
    expect(after.find((entry) => entry.productId === second.id)?.sales).toBe(0);
  });

  it("leaves unknown items out, asks nothing for no items, and refuses more than 50 before calling", async () => {
    const { session, products } = await connectedShop("shopee", "MY", 1);
    const api = shopee.performance;
    if (api.kind !== "cumulative") throw new Error("Shopee performance is cumulative");
    const counters = await api.getItemCounters(session, [products[0]!.id, "990000000001"]);
    expect(counters.map((entry) => entry.productId)).toEqual([products[0]!.id]);
    expect(await api.getItemCounters(session, [])).toEqual([]);
    const tooMany = Array.from({ length: 51 }, (_, index) => String(1000 + index));
    await expect(api.getItemCounters(session, tooMany)).rejects.toThrow(RangeError);
  });

  it("a deauthorised shop's token is an authorisation error (refresh or reconnect), not a parse failure", async () => {
    const { session, products } = await connectedShop("shopee", "SG", 1);
    await sim.admin("POST", `/shops/shopee/${session.shopId}/deauthorize`, {});
    const api = shopee.performance;
    if (api.kind !== "cumulative") throw new Error("Shopee performance is cumulative");
    const failure = await api.getItemCounters(session, [products[0]!.id]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ChannelError);
    expect((failure as ChannelError).code).toMatch(/^AUTH_(EXPIRED|REVOKED)$/);
  });
});

describe("TikTok Shop performance: analytics shop, product and SKU performance", () => {
  it("reads daily shop and product series and all SKU pages; a backdated order shows on its day", async () => {
    const { session, products } = await connectedShop("tiktok", "US", 2);
    const api = tiktok.performance;
    expect(api.kind).toBe("daily");
    if (api.kind !== "daily") return;
    const [sold, unsold] = products as [SimProduct, SimProduct];
    await placeOrder("tiktok", session.shopId, { productId: sold.id, variantId: sold.variants[0]?.id, quantity: 2 }, 3);
    // A range reaching past the platform's latest date is cut there.
    const range = { from: isoDay(-8), to: isoDay(2) };

    const shop = await api.getShopDaily(session, range);
    expect(shop.latestAvailableDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(shop.days[0]?.date).toBe(range.from);
    expect(shop.days.at(-1)?.date).toBe(shop.latestAvailableDate);
    expect(new Set(shop.days.map((day) => day.date)).size).toBe(shop.days.length);
    expect(total(shop.days, "unitsSold")).toBe(2);
    expect(total(shop.days, "orders")).toBe(1);
    const orderDay = shop.days.find((day) => day.unitsSold === 2)!;
    expect(orderDay.gmv?.currency).toBe("USD");
    expect(Number(orderDay.gmv?.amount)).toBeGreaterThan(0);
    expect(orderDay.pageViews).toBeGreaterThan(0);
    expect(orderDay.impressions).toBeGreaterThan(orderDay.pageViews ?? 0);

    const soldDaily = await api.getProductDaily(session, sold.id, range);
    expect(soldDaily.days.map((day) => day.date)).toEqual(shop.days.map((day) => day.date));
    expect(total(soldDaily.days, "unitsSold")).toBe(2);
    expect(soldDaily.days.find((day) => day.date === orderDay.date)?.gmv).toEqual(orderDay.gmv);
    expect(soldDaily.days.every((day) => /^\d+(\.\d+)?$/.test(day.clickThroughRate ?? ""))).toBe(true);
    const unsoldDaily = await api.getProductDaily(session, unsold.id, range);
    expect(total(unsoldDaily.days, "unitsSold")).toBe(0);

    const skus: SkuFigures[] = [];
    let pageToken: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof api.listSkus>> = await api.listSkus(session, range, {
        pageSize: 1,
        pageToken,
      });
      expect(page.skus.length).toBeLessThanOrEqual(1);
      skus.push(...page.skus);
      pageToken = page.nextPageToken;
      pages += 1;
    } while (pageToken && pages < 50);
    const variantCount = products.reduce((sum, product) => sum + product.variants.length, 0);
    expect(skus).toHaveLength(variantCount);
    expect(pages).toBe(variantCount);
    const soldSku = skus.find((sku) => sku.variantId === sold.variants[0]?.id);
    expect(soldSku).toMatchObject({ productId: sold.id, unitsSold: 2, orders: 1 });
    expect(soldSku?.gmv).toEqual(orderDay.gmv);
    expect(skus.filter((sku) => sku.variantId !== sold.variants[0]?.id).every((sku) => sku.unitsSold === 0)).toBe(true);
  });

  it("refuses a session without a shop cipher, and reports an unknown product as a channel error", async () => {
    const { session } = await connectedShop("tiktok", "US", 1);
    const api = tiktok.performance;
    if (api.kind !== "daily") throw new Error("TikTok performance is daily");
    const range = { from: isoDay(-3), to: isoDay(0) };
    const noCipher = api.getShopDaily({ ...session, shopCipher: undefined }, range);
    await expect(noCipher).rejects.toMatchObject({ name: "ChannelError", code: "VALIDATION" });
    await expect(noCipher).rejects.toThrow(/reconnect the shop/);
    await expect(api.listSkus({ ...session, shopCipher: undefined }, range)).rejects.toBeInstanceOf(ChannelError);
    await expect(api.getProductDaily(session, "1729000000000000000", range)).rejects.toBeInstanceOf(ChannelError);
    // A reversed range is the platform's parameter error.
    await expect(api.getShopDaily(session, { from: range.to, to: range.from })).rejects.toMatchObject({
      name: "ChannelError",
    });
  });
});
