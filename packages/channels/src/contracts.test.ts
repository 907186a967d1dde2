import { describe, expect, it } from "vitest";
import { type HttpRequest } from "./http";
import { ShopeeAdapter } from "./shopee/adapter";
import {
  apiContract,
  apiContractNames,
  shopeeEnvelopeAsSent,
  shopeePushContracts,
  webhookContracts,
  type ApiContract,
} from "./testing/contracts";
import { fakeTransport } from "./testing/fake-transport";
import { TikTokAdapter } from "./tiktok/adapter";
import { signShopeePush } from "./signing";
import { parseShopeePush } from "./webhooks/shopee";
import { verifyShopeePushRequest } from "./webhooks/verify";
import { parseTikTokWebhook } from "./webhooks/tiktok";

/*
 * Contract tests, parser side: every documented response example (packages/channels/contracts)
 * is fed to the adapter method that calls that endpoint, through a fake transport that answers
 * each path with its page's example. The adapters must read them. contracts.int.test.ts replays
 * the documented requests against the simulators.
 */

const now = 1_718_000_000_000;

/** Route key: TikTok paths with the version and ids generalised, so 202309 calls find 2025xx pages. */
function routeKey(platform: "shopee" | "tiktok", path: string): string {
  if (platform === "shopee") return path;
  return path
    .replace(/^\/([a-z_]+)\/\d{6}\//, "/$1/V/")
    .replace(/\{[a-z_]+\}/g, "{id}")
    .replace(/\/\d{6,}(?=\/|$)/g, "/{id}");
}

function contractsServer(platform: "shopee" | "tiktok", names: string[]) {
  const byRoute = new Map<string, { name: string; contract: ApiContract }>();
  for (const name of names) {
    const contract = apiContract(platform, name);
    byRoute.set(`${contract.method} ${routeKey(platform, contract.path)}`, { name, contract });
  }
  const served = new Set<string>();
  const fake = fakeTransport((request: HttpRequest) => {
    const found = byRoute.get(`${request.method} ${routeKey(platform, request.url.pathname)}`);
    if (!found) return { status: 404, json: { error: "not_in_contracts", message: request.url.pathname } };
    served.add(found.name);
    const response = found.contract.response;
    return { json: platform === "shopee" ? shopeeEnvelopeAsSent(response) : response };
  });
  return { ...fake, served };
}

function shopee(names: string[]) {
  const server = contractsServer("shopee", names);
  const adapter = new ShopeeAdapter({
    baseUrl: "https://partner.shopeemobile.com",
    partnerId: 2001887,
    partnerKey: "contract-key",
    pushCallbackUrl: "https://hooks.example.com/webhooks/shopee",
    transport: server.transport,
    now: () => now,
  });
  return { adapter, ...server };
}

function tiktok(names: string[]) {
  const server = contractsServer("tiktok", names);
  const adapter = new TikTokAdapter({
    apiBaseUrl: "https://open-api.tiktokglobalshop.com",
    authBaseUrl: "https://auth.tiktok-shops.com",
    authorizeUrl: "https://services.tiktokshop.com/open/authorize",
    appKey: "123abc",
    appSecret: "contract-secret",
    serviceId: "7100000000000000001",
    transport: server.transport,
    now: () => now,
  });
  return { adapter, ...server };
}

const shopeeSession = { shopId: "38862", accessToken: "6b5a46716e474d6f6e59777659459849", region: "SG" };
const tiktokSession = {
  shopId: "7000714532876273420",
  accessToken: "TTP_Fw8rBwAAAAAkW03FYd09DG",
  shopCipher: "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3",
};
const usedShopee = new Set<string>();
const usedTikTok = new Set<string>();

describe("Shopee documented responses are read by the adapter", () => {
  it("v2.public.get_access_token + v2.shop.get_shop_info: exchangeCode", async () => {
    const { adapter, served } = shopee(["public.get_access_token", "shop.get_shop_info"]);
    const grant = await adapter.exchangeCode({ code: "5a5477794a55537954697169514f4653", shopId: "38862" });
    expect(grant.accessToken).toBe("6b5a46716e474d6f6e59777659459849");
    expect(grant.refreshToken).toBe("4c7259534969484e71734d695a6e0d55");
    expect(grant.shops).toEqual([{ shopId: "38862", name: "mysipuat", region: "MY", currency: "MYR" }]);
    for (const name of served) usedShopee.add(name);
  });

  it("v2.public.refresh_access_token: refreshToken", async () => {
    const { adapter, served } = shopee(["public.refresh_access_token"]);
    const tokens = await adapter.refreshToken({
      refreshToken: "4c7259534969484e71734d695a6e6d55",
      shopId: "322300222",
    });
    expect(tokens.accessToken).toBe("71594a4c54537649697341796363674a");
    expect(tokens.refreshToken).toBe("516c6b577753554375764a63704d7245");
    for (const name of served) usedShopee.add(name);
  });

  it("get_item_list, get_item_base_info, get_model_list: listProducts and getProduct", async () => {
    const { adapter, served } = shopee([
      "product.get_item_list",
      "product.get_item_base_info",
      "product.get_model_list",
    ]);
    const page = await adapter.listProducts(shopeeSession);
    const documented = (
      apiContract("shopee", "product.get_item_base_info").response.response as { item_list: { item_id: number }[] }
    ).item_list.map((item) => String(item.item_id));
    expect(page.products.map((product) => product.productId)).toEqual(documented);
    expect(page.total).toBe(19);
    expect(page.nextPageToken).toBe("10");
    const one = await adapter.getProduct(shopeeSession, documented[0]!);
    expect(one.productId).toBe(documented[0]);
    for (const name of served) usedShopee.add(name);
  });

  it("add_item, init_tier_variation, get_model_list: createListing", async () => {
    const { adapter, served } = shopee(["product.add_item", "product.init_tier_variation", "product.get_model_list"]);
    const created = await adapter.createListing(shopeeSession, {
      title: "Item Name Example",
      description: "item description test",
      categoryId: "14695",
      images: ["-"],
      weightGrams: 1100,
      // As in the page's request example.
      extra: { logistic_info: apiContract("shopee", "product.add_item").request.body?.logistic_info },
      variants: [
        { sku: "blue bag", price: { amount: "100", currency: "TWD" }, stock: 0, options: { Colour: "testsku1" } },
      ],
    });
    const itemId = (apiContract("shopee", "product.add_item").response.response as { item_id: number }).item_id;
    expect(created.productId).toBe(String(itemId));
    for (const name of served) usedShopee.add(name);
  });

  it("get_model_list, update_tier_variation, add_model: addVariants", async () => {
    const { adapter, served } = shopee([
      "product.get_model_list",
      "product.update_tier_variation",
      "product.add_model",
    ]);
    const result = await adapter
      .addVariants(shopeeSession, "178312", {
        variants: [{ sku: "sku", price: { amount: "52.4", currency: "TWD" }, stock: 0, options: { "-": "red" } }],
      })
      .then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
    expect(result.ok ? result.value.productId : String(result.error)).toBe("178312");
    for (const name of served) usedShopee.add(name);
  });

  it("update_item: updateListing", async () => {
    const { adapter, served } = shopee(["product.update_item"]);
    await adapter.updateListing(shopeeSession, "800000", { title: "Hello QdlHimD4nto0OGIQ" });
    expect(served.has("product.update_item")).toBe(true);
    for (const name of served) usedShopee.add(name);
  });

  it("update_price: updatePrices reads success_list and failure_list", async () => {
    const { adapter, served } = shopee(["product.update_price"]);
    const result = await adapter.updatePrices(shopeeSession, [
      { productId: "1000", variantId: "3456", price: { amount: "11.11", currency: "SGD" } },
    ]);
    expect(result.failed.map((failure) => failure.update.variantId)).toEqual(["3456"]);
    for (const name of served) usedShopee.add(name);
  });

  it("update_stock: updateStock", async () => {
    const { adapter, served } = shopee(["product.update_stock"]);
    const result = await adapter.updateStock(shopeeSession, [{ productId: "1000", variantId: "0", quantity: 0 }]);
    expect(result.failed.map((failure) => failure.update.variantId)).toEqual(["0"]);
    for (const name of served) usedShopee.add(name);
  });

  it("get_order_list, get_order_detail, logistics.get_tracking_number: listOrders and getOrders", async () => {
    const { adapter, served } = shopee([
      "order.get_order_list",
      "order.get_order_detail",
      "logistics.get_tracking_number",
    ]);
    const page = await adapter.listOrders(shopeeSession, { updatedSince: new Date(now - 86_400_000) });
    expect(page.nextPageToken).toBe("20");
    const order = page.orders[0]!;
    expect(order.orderId).toBe("2404098R48U37H");
    expect(order.status).toBe("COMPLETED");
    expect(order.currency).toBe("VND");
    // The documented order detail has no tracking number: it comes from get_tracking_number.
    expect(order.trackingNumber).toBe("MY200448706479IT");
    expect(order.lines[0]).toMatchObject({ productId: "23620853561", variantId: "221404189791", quantity: 1 });
    const [again] = await adapter.getOrders(shopeeSession, ["2404098R48U37H"]);
    expect(again?.orderId).toBe("2404098R48U37H");
    for (const name of served) usedShopee.add(name);
  });

  it("v2.product.get_item_extra_info: performance.getItemCounters", async () => {
    const { adapter, served } = shopee(["product.get_item_extra_info"]);
    expect(adapter.performance.kind).toBe("cumulative");
    if (adapter.performance.kind !== "cumulative") return;
    const counters = await adapter.performance.getItemCounters(shopeeSession, ["2500139861", "2400140868"]);
    expect(counters).toEqual([
      { productId: "2500139861", sales: 1, views: 2, likes: 3, ratingStar: 4, commentCount: 5 },
      { productId: "2400140868", sales: 0, views: 0, likes: 0, ratingStar: 0, commentCount: 0 },
    ]);
    for (const name of served) usedShopee.add(name);
  });

  it("covers every Shopee endpoint with a contract", () => {
    expect([...usedShopee].sort()).toEqual(apiContractNames("shopee"));
  });
});

describe("TikTok Shop documented responses are read by the adapter", () => {
  it("token/get + authorization shops: exchangeCode; token/refresh: refreshToken", async () => {
    const { adapter, served } = tiktok(["token-get", "token-refresh", "get-authorized-shops"]);
    const grant = await adapter.exchangeCode({ code: "TTP_FeBoANmHP3yqdoUI9fZOCw" });
    expect(grant.accessToken).toMatch(/^TTP_Fw8rBw/);
    expect(grant.accessTokenExpiresAt).toEqual(new Date(1_660_556_783_000));
    expect(grant.shops).toEqual([
      {
        shopId: "7000714532876273420",
        name: "Maomao beauty shop",
        region: "GB",
        currency: "GBP",
        shopCipher: "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3",
      },
    ]);
    const refreshed = await adapter.refreshToken({ refreshToken: "TTP_EB9rlwAAAADXbnMESTWAZSxIcC" });
    expect(refreshed.refreshToken).toMatch(/^TTP_NTUxZTNh/);
    for (const name of served) usedTikTok.add(name);
  });

  it("products/search and products/{id}: listProducts and getProduct", async () => {
    const { adapter, served } = tiktok(["search-products", "get-product"]);
    const page = await adapter.listProducts(tiktokSession);
    expect(page.total).toBe(200);
    expect(page.products[0]).toMatchObject({ productId: "1729592969712207008", status: "ACTIVATE" });
    expect(page.products[0]?.variants[0]).toMatchObject({ variantId: "1729592969712207012", sku: "Color-Red-XM01" });
    const one = await adapter.getProduct(tiktokSession, "1729592969712207008");
    expect(one.productId).toBe("1729592969712207008");
    for (const name of served) usedTikTok.add(name);
  });

  it("POST products: createListing", async () => {
    const { adapter, served } = tiktok(["create-product"]);
    const created = await adapter.createListing(tiktokSession, {
      title: "Men's Fashion Sports Low Cut Cotton Breathable Ankle Short Boat Invisible Socks",
      description: "<p>Please check the measurements before purchase.</p>",
      categoryId: "600001",
      images: ["tos-maliva-i-o3syd03w52-us/c668cdf70b7f483c94dbe"],
      // As in the page's request example (package_weight 1.32 KILOGRAM).
      weightGrams: 1320,
      locationId: "7068517275539719942",
      variants: [
        { sku: "Color-Red-XM001", price: { amount: "1.32", currency: "USD" }, stock: 999, options: { Color: "Red" } },
      ],
    });
    expect(created).toEqual({
      productId: "1729592969712207008",
      variants: [{ sku: "Color-Red-XM001", variantId: "1729592969712207012" }],
    });
    for (const name of served) usedTikTok.add(name);
  });

  it("GET then PUT products/{id} (full edit): addVariants; partial_edit: updateListing", async () => {
    const { adapter, served } = tiktok(["get-product", "edit-product", "partial-edit-product"]);
    const added = await adapter.addVariants(tiktokSession, "1729592969712207008", {
      locationId: "7068517275539719942",
      variants: [
        { sku: "Color-Red-XM001", price: { amount: "1.32", currency: "USD" }, stock: 1, options: { Color: "Red" } },
      ],
    });
    expect(added.productId).toBe("1729592969712207008");
    await adapter.updateListing(tiktokSession, "1729592969712207008", { title: "Socks" });
    expect(served.has("partial-edit-product")).toBe(true);
    for (const name of served) usedTikTok.add(name);
  });

  it("prices/update and inventory/update: updatePrices and updateStock", async () => {
    const { adapter, served } = tiktok(["update-price", "update-inventory", "get-product"]);
    const prices = await adapter.updatePrices(tiktokSession, [
      {
        productId: "1729592969712207008",
        variantId: "1729592969712207013",
        price: { amount: "1.32", currency: "USD" },
      },
    ]);
    expect(prices.failed).toEqual([]);
    const stock = await adapter.updateStock(tiktokSession, [
      {
        productId: "1729592969712207008",
        variantId: "1729592969712207013",
        quantity: 999,
        locationId: "7068517275539719942",
      },
    ]);
    // The documented answer reports the SKU's warehouse as unknown: that SKU failed.
    expect(stock.failed.map((failure) => failure.update.variantId)).toEqual(["1729592969712207013"]);
    for (const name of served) usedTikTok.add(name);
  });

  it("orders/search and orders: listOrders and getOrders", async () => {
    const { adapter, served } = tiktok(["get-order-list", "get-order-detail"]);
    const page = await adapter.listOrders(tiktokSession, { updatedSince: new Date(now - 86_400_000) });
    expect(page.orders.length).toBeGreaterThan(0);
    const detail = await adapter.getOrders(tiktokSession, ["576461413038785752"]);
    expect(detail[0]).toMatchObject({ orderId: "576461413038785752", status: "UNPAID", currency: "IDR" });
    for (const name of served) usedTikTok.add(name);
  });

  it("analytics shop, product and SKU performance: the performance API's daily series and SKU list", async () => {
    const { adapter, served } = tiktok([
      "get-shop-performance",
      "get-shop-product-performance",
      "get-shop-sku-performance-list",
    ]);
    expect(adapter.performance.kind).toBe("daily");
    if (adapter.performance.kind !== "daily") return;
    const range = { from: "2024-04-01", to: "2024-04-08" };
    const shop = await adapter.performance.getShopDaily(tiktokSession, range);
    expect(shop).toEqual({
      latestAvailableDate: "2024-04-07",
      days: [
        {
          date: "2024-04-01",
          gmv: { amount: "0.00", currency: "USD" },
          orders: 0,
          unitsSold: 0,
          pageViews: 0,
          impressions: 0,
          clickThroughRate: null,
        },
      ],
    });
    const product = await adapter.performance.getProductDaily(tiktokSession, "1729592969712207008", range);
    expect(product.latestAvailableDate).toBe("2024-04-07");
    expect(product.days).toEqual([
      {
        date: "2024-04-01",
        gmv: { amount: "0", currency: "USD" },
        orders: 0,
        unitsSold: 0,
        pageViews: 0,
        impressions: 0,
        clickThroughRate: "0",
      },
    ]);
    const skus = await adapter.performance.listSkus(tiktokSession, range, { pageSize: 10 });
    // The page's ids are JSON numbers; they are read as the strings every other id is.
    expect(skus).toEqual({
      skus: [
        {
          productId: "123456789",
          variantId: "18354627263453",
          gmv: { amount: "0", currency: "USD" },
          orders: 10,
          unitsSold: 10,
        },
      ],
      nextPageToken: "cGFnZV9udW1iZXI9MQ==",
      latestAvailableDate: "2024-04-07",
    });
    for (const name of served) usedTikTok.add(name);
  });

  it("covers every TikTok Shop endpoint with a contract", () => {
    expect([...usedTikTok].sort()).toEqual(apiContractNames("tiktok"));
  });
});

describe("TikTok Shop documented webhook examples are parsed", () => {
  for (const contract of webhookContracts()) {
    it(`${contract.webhook} (type ${contract.type})`, () => {
      const parsed = parseTikTokWebhook(JSON.stringify(contract.event));
      expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.type).toBe(contract.type);
      expect(parsed.shopId).toBe(contract.event.shop_id);
      expect(parsed.eventKey).toContain(String(contract.event.tts_notification_id));
      expect(parsed.events.length).toBeGreaterThan(0);
    });
  }
});

describe("Shopee documented push bodies are parsed", () => {
  const pushes = shopeePushContracts();

  it("has the documented order status (3) and shop authorization (1) pushes", () => {
    expect(pushes.map((push) => push.code).sort()).toEqual([1, 3]);
  });

  for (const contract of pushes) {
    it(`${contract.push} (code ${contract.code}): parsed, keyed by its body, verified by its signature`, () => {
      const raw = JSON.stringify(contract.body);
      const parsed = parseShopeePush(raw);
      expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.type).toBe(contract.code);
      // The documented bodies carry no msg_id: a redelivery is recognised by the body's hash.
      expect(parsed.eventKey).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(parsed.sentAt).toEqual(new Date(Number(contract.body.timestamp) * 1000));
      expect(parsed.events.length).toBeGreaterThan(0);
      const url = "https://hooks.example.com/webhooks/shopee";
      const authorization = signShopeePush("contract-key", url, raw);
      const request = { headers: { authorization }, rawBody: raw };
      expect(verifyShopeePushRequest(request, { partnerKey: "contract-key", callbackUrl: url })).toBe(true);
    });
  }

  it("code 3 reads the order, its status and the update time", () => {
    const contract = pushes.find((push) => push.code === 3)!;
    const parsed = parseShopeePush(JSON.stringify(contract.body));
    expect(parsed).toMatchObject({ ok: true, shopId: "727720655" });
    expect(parsed.ok && parsed.events).toEqual([
      {
        kind: "order.updated",
        shopId: "727720655",
        occurredAt: new Date(1_660_123_127_000),
        orderId: "220810QSK8S7BX",
        status: "PROCESSED",
      },
    ]);
  });

  it("code 1 (the page's signing example) reads the shop from the envelope", () => {
    const contract = pushes.find((push) => push.code === 1)!;
    const parsed = parseShopeePush(JSON.stringify(contract.body));
    expect(parsed.ok && parsed.events).toEqual([
      { kind: "shop.authorized", shopId: "123", occurredAt: new Date(1_470_198_856_000), expiresAt: null },
    ]);
  });
});
