import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signShopeeRequest } from "./signing/shopee";
import { signTikTokRequest } from "./signing/tiktok";
import { ShopeeAdapter } from "./shopee/adapter";
import { apiContract, apiContractNames, shopeePushContracts, type ApiContract } from "./testing/contracts";
import { testChannelEnv } from "./testing/env";
import { startSimulator, type RunningSimulator } from "./testing/simulator";
import { TikTokAdapter } from "./tiktok/adapter";

/*
 * Contract tests, simulator side: every documented request example (packages/channels/contracts)
 * is replayed against the simulators, with only identifiers swapped for the simulator's own (and
 * the pages' "-" placeholders dropped); the simulator must accept it and answer with the
 * documented response's shape. Where it does not yet, the difference is listed, path by path, in
 * contracts/simulator-gaps.json: the fixture wins, so that file may only shrink (set
 * UPDATE_CONTRACT_GAPS=1 to rewrite it after closing gaps).
 */

type Json = Record<string, unknown>;
const gapsFile = new URL("../contracts/simulator-gaps.json", import.meta.url);
const recordedGaps = JSON.parse(readFileSync(gapsFile, "utf8")) as Record<string, string[]>;
const foundGaps: Record<string, string[]> = {};

/** Key paths of `documented` (arrays as `[]`) that `actual` lacks or holds with another JSON type. */
function shapeGaps(documented: unknown, actual: unknown, path = ""): string[] {
  const kind = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);
  if (documented === null || documented === undefined) return [];
  if (actual === undefined) return [path || "(root)"];
  if (actual === null) return [];
  if (kind(documented) !== kind(actual)) return [`${path} (${kind(documented)} documented, ${kind(actual)} served)`];
  if (Array.isArray(documented)) {
    const [first] = documented;
    const [served] = actual as unknown[];
    return first === undefined || served === undefined ? [] : shapeGaps(first, served, `${path}[]`);
  }
  if (kind(documented) !== "object") return [];
  return Object.entries(documented as Json).flatMap(([key, value]) =>
    shapeGaps(value, (actual as Json)[key], path ? `${path}.${key}` : key),
  );
}

/** Drops the pages' "-" placeholders (strings they show where a real value goes). */
function withoutPlaceholders<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutPlaceholders) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value as Json)
        .filter(([, entry]) => entry !== "-")
        .map(([key, entry]) => [key, withoutPlaceholders(entry)]),
    ) as T;
  return value;
}

let sim: RunningSimulator;
let tiktokAdapter: TikTokAdapter;
const shopee = {
  shopId: "",
  accessToken: "",
  refreshToken: "",
  code: "",
  items: [] as Json[],
  orderSn: "",
  /** An item with one tier of 16 options and 16 models, the shape update_tier_variation's example edits. */
  tierItem: { id: "", variants: [] as { id: string }[] },
  /** An item with one tier whose option 0 has no model. */
  openOptionItem: "",
};
const tiktok = { shopId: "", accessToken: "", refreshToken: "", cipher: "", product: {} as Json, orderId: "" };

async function authorizeCode(platform: "shopee" | "tiktok", url: string, shopId: string): Promise<string> {
  return (await sim.authorize(url, shopId)).searchParams.get("code") ?? "";
}

beforeAll(async () => {
  sim = await startSimulator("61");
  const shopeeAdapter = new ShopeeAdapter({
    baseUrl: sim.env.SHOPEE_API_BASE_URL,
    partnerId: testChannelEnv.SHOPEE_PARTNER_ID,
    partnerKey: testChannelEnv.SHOPEE_PARTNER_KEY,
    pushCallbackUrl: "http://localhost:4000/webhooks/shopee",
  });
  tiktokAdapter = new TikTokAdapter({
    apiBaseUrl: sim.env.TIKTOK_API_BASE_URL,
    authBaseUrl: sim.env.TIKTOK_AUTH_BASE_URL,
    authorizeUrl: sim.env.TIKTOK_AUTHORIZE_URL,
    appKey: testChannelEnv.TIKTOK_APP_KEY,
    appSecret: testChannelEnv.TIKTOK_APP_SECRET,
    serviceId: testChannelEnv.TIKTOK_SERVICE_ID,
  });
  for (const platform of ["shopee", "tiktok"] as const) {
    const { shop } = await sim.admin<{ shop: { shopId: string } }>("POST", "/shops", {
      platform,
      name: `Contracts ${platform}`,
      region: platform === "shopee" ? "SG" : "US",
      products: 3,
    });
    const detail = await sim.admin<{ products: Json[] }>("GET", `/shops/${platform}/${shop.shopId}`);
    const product = detail.products[0] as { id: string; variants: { id: string }[] };
    const { result } = await sim.admin<{ result: { id: string } }>("POST", `/shops/${platform}/${shop.shopId}/orders`, {
      lines: [{ productId: product.id, variantId: product.variants[0]?.id, quantity: 1 }],
      paid: true,
    });
    if (platform === "shopee") {
      const options = Array.from({ length: 16 }, (_, i) => `Option ${i + 1}`);
      const { products } = await sim.admin<{ products: { id: string; variants: { id: string }[] }[] }>(
        "POST",
        `/shops/shopee/${shop.shopId}/products`,
        {
          products: [
            {
              title: "Sixteen options",
              tiers: [{ name: "Warna", options }],
              variants: options.map((_, i) => ({ sku: `OPT-${i + 1}`, price: 10, stock: 5, tierIndex: [i] })),
            },
          ],
        },
      );
      shopee.tierItem = products[0]!;
      // One tier whose first option has no model yet: where add_model's example (tier_index [0]) goes.
      const { products: open } = await sim.admin<{ products: { id: string }[] }>(
        "POST",
        `/shops/shopee/${shop.shopId}/products`,
        {
          products: [
            {
              title: "Second colour only",
              tiers: [{ name: "Colour", options: ["Black", "Red"] }],
              variants: [{ sku: "RED", price: 10, stock: 5, tierIndex: [1] }],
            },
          ],
        },
      );
      shopee.openOptionItem = open[0]!.id;
      shopee.shopId = shop.shopId;
      shopee.items = detail.products;
      shopee.orderSn = result.id;
      const grant = await shopeeAdapter.exchangeCode({
        code: await authorizeCode(
          "shopee",
          shopeeAdapter.authorizationUrl({ redirectUrl: "http://x/cb", state: "s" }),
          shop.shopId,
        ),
        shopId: shop.shopId,
      });
      shopee.accessToken = grant.accessToken;
      shopee.refreshToken = grant.refreshToken;
      shopee.code = await authorizeCode(
        "shopee",
        shopeeAdapter.authorizationUrl({ redirectUrl: "http://x/cb", state: "s" }),
        shop.shopId,
      );
    } else {
      tiktok.shopId = shop.shopId;
      tiktok.product = product as unknown as Json;
      tiktok.orderId = result.id;
      const grant = await tiktokAdapter.exchangeCode({
        code: await authorizeCode(
          "tiktok",
          tiktokAdapter.authorizationUrl({ redirectUrl: "http://x/cb", state: "s" }),
          shop.shopId,
        ),
      });
      tiktok.accessToken = grant.accessToken;
      tiktok.refreshToken = grant.refreshToken;
      tiktok.cipher = grant.shops.find((s) => s.shopId === shop.shopId)?.shopCipher ?? "";
    }
  }
}, 90_000);

afterAll(() => {
  sim?.stop();
  if (process.env.UPDATE_CONTRACT_GAPS === "1") writeFileSync(gapsFile, `${JSON.stringify(foundGaps, null, 2)}\n`);
});

// ---- Shopee ------------------------------------------------------------------------------

async function shopeeReplay(contract: ApiContract, query: Json, body: Json | undefined): Promise<Json> {
  const publicApi = contract.path.startsWith("/api/v2/auth/");
  const timestamp = Math.floor(Date.now() / 1000);
  const url = new URL(sim.env.SHOPEE_API_BASE_URL + contract.path);
  const sign = signShopeeRequest(testChannelEnv.SHOPEE_PARTNER_KEY, {
    partnerId: testChannelEnv.SHOPEE_PARTNER_ID,
    path: contract.path,
    timestamp,
    target: publicApi ? { type: "public" } : { type: "shop", accessToken: shopee.accessToken, shopId: shopee.shopId },
  });
  const params: Json = { partner_id: testChannelEnv.SHOPEE_PARTNER_ID, timestamp, sign };
  if (!publicApi) Object.assign(params, { access_token: shopee.accessToken, shop_id: shopee.shopId });
  for (const [key, value] of Object.entries({ ...params, ...query }))
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
  const response = await fetch(url, {
    method: contract.method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await response.json()) as Json;
}

type SimItem = { id: string; hasModel: boolean; variants: { id: string }[] };
const item = (index: number) => shopee.items[index] as SimItem;
/**
 * An item without variations yet (init_tier_variation's precondition): the last one, so that the
 * price and stock replays on item 0 still find it without models.
 */
const plainItem = () => (shopee.items as SimItem[]).findLast((entry) => !entry.hasModel) ?? item(2);

/** Each documented request with the simulator's identifiers in place of the page's. */
const shopeeRequests: Record<string, (contract: ApiContract) => { query: Json; body?: Json }> = {
  "public.get_access_token": () => ({
    query: {},
    body: { code: shopee.code, partner_id: testChannelEnv.SHOPEE_PARTNER_ID, shop_id: Number(shopee.shopId) },
  }),
  "public.refresh_access_token": () => ({
    query: {},
    body: {
      refresh_token: shopee.refreshToken,
      partner_id: testChannelEnv.SHOPEE_PARTNER_ID,
      shop_id: Number(shopee.shopId),
    },
  }),
  "shop.get_shop_info": (c) => ({ query: c.request.query }),
  "product.get_item_list": (c) => ({ query: c.request.query }),
  "product.get_item_base_info": (c) => ({
    query: { ...c.request.query, item_id_list: `[${item(0).id},${item(1).id}]` },
  }),
  "product.get_model_list": (c) => ({
    query: { ...c.request.query, item_id: (shopee.items.find((p) => p.hasModel) ?? item(0)).id as string },
  }),
  "product.add_item": (c) => ({ query: {}, body: c.request.body }),
  "product.init_tier_variation": (c) => ({ query: {}, body: { ...c.request.body, item_id: Number(plainItem().id) } }),
  // The page's sixteen models become the simulated item's sixteen, in the same order.
  "product.update_tier_variation": (c) => ({
    query: {},
    body: {
      ...c.request.body,
      item_id: Number(shopee.tierItem.id),
      model_list: (c.request.body?.model_list as Json[]).map((entry, i) => ({
        ...entry,
        model_id: Number(shopee.tierItem.variants[i]?.id),
      })),
    },
  }),
  "product.add_model": (c) => ({ query: {}, body: { ...c.request.body, item_id: Number(shopee.openOptionItem) } }),
  "product.update_item": (c) => ({ query: {}, body: { ...c.request.body, item_id: Number(item(1).id) } }),
  "product.update_price": (c) => ({
    query: {},
    body: {
      ...c.request.body,
      item_id: Number(item(0).id),
      price_list: [{ model_id: item(0).hasModel ? Number(item(0).variants[0]?.id) : 0, original_price: 11.11 }],
    },
  }),
  "product.update_stock": (c) => ({
    query: {},
    body: {
      ...c.request.body,
      item_id: Number(item(0).id),
      stock_list: [{ model_id: item(0).hasModel ? Number(item(0).variants[0]?.id) : 0, seller_stock: [{ stock: 50 }] }],
    },
  }),
  // The page's example sends cursor="" with the quotes; the empty cursor is what it means.
  "order.get_order_list": (c) => ({ query: { ...c.request.query, cursor: "" } }),
  "order.get_order_detail": (c) => ({ query: { ...c.request.query, order_sn_list: shopee.orderSn } }),
  "logistics.get_tracking_number": (c) => ({ query: { ...c.request.query, order_sn: shopee.orderSn } }),
  "product.get_item_extra_info": () => ({ query: { item_id_list: `${item(0).id},${item(1).id}` } }),
};

describe("Shopee: documented requests replayed against the simulator", () => {
  it("has a replay for every Shopee contract", () => {
    expect(Object.keys(shopeeRequests).sort()).toEqual(apiContractNames("shopee"));
  });
  for (const name of apiContractNames("shopee")) {
    it(`${name}: accepted, answered in the documented shape (or listed in simulator-gaps.json)`, async () => {
      const contract = apiContract("shopee", name);
      const request = shopeeRequests[name]!(contract);
      const json = await shopeeReplay(
        contract,
        withoutPlaceholders(request.query),
        request.body && withoutPlaceholders(request.body),
      );
      const gaps = json.error
        ? [`request refused: ${String(json.error)} ${String(json.message)}`]
        : shapeGaps(contract.response, json).filter(
            (gap) => !["error", "message", "warning", "request_id"].includes(gap),
          );
      foundGaps[`shopee/${name}`] = gaps;
      expect(gaps).toEqual(recordedGaps[`shopee/${name}`] ?? []);
    });
  }
});

describe("Shopee: the simulator's pushes have the documented bodies' shape", () => {
  for (const contract of shopeePushContracts()) {
    it(`${contract.push} (code ${contract.code}) (or listed in simulator-gaps.json)`, async () => {
      const { deliveries } = await sim.admin<{ deliveries: { body: string }[] }>(
        "GET",
        `/webhooks?platform=shopee&shopId=${shopee.shopId}&limit=2000`,
      );
      const served = deliveries
        .map((delivery) => JSON.parse(delivery.body) as Json)
        .find((body) => body.code === contract.code);
      const gaps = served ? shapeGaps(contract.body, served) : [`no code ${contract.code} push sent`];
      foundGaps[`shopee-push/${contract.name}`] = gaps;
      expect(gaps).toEqual(recordedGaps[`shopee-push/${contract.name}`] ?? []);
    });
  }
});

// ---- TikTok Shop -------------------------------------------------------------------------

async function tiktokReplay(contract: ApiContract, path: string, query: Json, body: Json | undefined): Promise<Json> {
  if (contract.host === "auth") {
    const url = new URL(sim.env.TIKTOK_AUTH_BASE_URL + contract.path);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
    return (await (await fetch(url)).json()) as Json;
  }
  const url = new URL(sim.env.TIKTOK_API_BASE_URL + path);
  const params: Record<string, string> = {
    app_key: testChannelEnv.TIKTOK_APP_KEY,
    timestamp: String(Math.floor(Date.now() / 1000)),
    ...(path.startsWith("/authorization/") ? {} : { shop_cipher: tiktok.cipher }),
    ...Object.fromEntries(Object.entries(query).map(([key, value]) => [key, String(value)])),
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  const raw = body ? JSON.stringify(body) : undefined;
  url.searchParams.set(
    "sign",
    signTikTokRequest(testChannelEnv.TIKTOK_APP_SECRET, {
      path,
      query: url.searchParams,
      body: raw,
      contentType: "application/json",
    }),
  );
  const response = await fetch(url, {
    method: contract.method,
    headers: { "content-type": "application/json", "x-tts-access-token": tiktok.accessToken },
    body: raw,
  });
  return (await response.json()) as Json;
}

const product = () => tiktok.product as { id: string; variants: { id: string; stock: { locationId: string }[] }[] };
const sku = () => product().variants[0]!;
const warehouse = () => sku().stock[0]?.locationId ?? "";

/** The page's SKUs with the simulator's SKU id (edits) and warehouse in place of the page's. */
function ownSkus(body: Json | undefined, keepIds: boolean): Json {
  return {
    ...body,
    skus: ((body?.skus as Json[] | undefined) ?? []).map((entry) => ({
      ...entry,
      ...(keepIds && entry.id !== undefined ? { id: sku().id } : {}),
      ...(Array.isArray(entry.inventory)
        ? { inventory: (entry.inventory as Json[]).map((stock) => ({ ...stock, warehouse_id: warehouse() })) }
        : {}),
    })),
  };
}

const tiktokRequests: Record<string, (contract: ApiContract) => { path: string; query: Json; body?: Json }> = {
  "token-get": () => ({ path: "", query: {} }),
  "token-refresh": (c) => ({
    path: "",
    query: {
      ...c.request.query,
      app_key: testChannelEnv.TIKTOK_APP_KEY,
      app_secret: testChannelEnv.TIKTOK_APP_SECRET,
      refresh_token: tiktok.refreshToken,
    },
  }),
  "get-authorized-shops": (c) => ({ path: c.adapterPath ?? c.path, query: c.request.query }),
  "search-products": (c) => ({ path: c.adapterPath ?? c.path, query: { page_size: "20" }, body: c.request.body }),
  "get-product": (c) => ({ path: `/product/202309/products/${product().id}`, query: c.request.query }),
  "create-product": (c) => ({
    path: c.adapterPath ?? c.path,
    query: c.request.query,
    body: ownSkus(c.request.body, false),
  }),
  "edit-product": (c) => ({
    path: `/product/202309/products/${product().id}`,
    query: {},
    body: ownSkus(c.request.body, true),
  }),
  "partial-edit-product": (c) => ({
    path: `/product/202309/products/${product().id}/partial_edit`,
    query: {},
    body: ownSkus(c.request.body, true),
  }),
  "update-price": (c) => ({
    path: `/product/202309/products/${product().id}/prices/update`,
    query: {},
    body: {
      skus: (c.request.body?.skus as Json[]).map((entry) => ({ ...entry, id: sku().id })),
    },
  }),
  "update-inventory": (c) => ({
    path: `/product/202309/products/${product().id}/inventory/update`,
    query: {},
    body: {
      skus: (c.request.body?.skus as Json[]).map((entry) => ({
        ...entry,
        id: sku().id,
        inventory: (entry.inventory as Json[]).map((stock) => ({ ...stock, warehouse_id: warehouse() })),
      })),
    },
  }),
  // The page's page_token is one of its own cursors; a first page has none.
  "get-order-list": (c) => ({
    path: c.adapterPath ?? c.path,
    query: { ...c.request.query, page_token: undefined },
    body: c.request.body,
  }),
  "get-order-detail": () => ({ path: "/order/202309/orders", query: { ids: tiktok.orderId } }),
  "get-shop-performance": (c) => ({ path: c.path, query: c.request.query }),
  "get-shop-product-performance": (c) => ({
    path: `/analytics/202405/shop_products/${product().id}/performance`,
    query: c.request.query,
  }),
  // The page's page_token is one of its own cursors, and its product_id one of its products.
  "get-shop-sku-performance-list": (c) => ({
    path: c.path,
    query: { ...c.request.query, page_token: undefined, product_id: product().id },
  }),
};

describe("TikTok Shop: documented requests replayed against the simulator", () => {
  it("has a replay for every TikTok Shop contract", () => {
    expect(Object.keys(tiktokRequests).sort()).toEqual(apiContractNames("tiktok"));
  });
  for (const name of apiContractNames("tiktok")) {
    it(`${name}: accepted, answered in the documented shape (or listed in simulator-gaps.json)`, async () => {
      const contract = apiContract("tiktok", name);
      const request = tiktokRequests[name]!(contract);
      let query = Object.fromEntries(Object.entries(request.query).filter(([, value]) => value !== undefined));
      if (name === "token-get") {
        const code = await authorizeCode(
          "tiktok",
          tiktokAdapter.authorizationUrl({ redirectUrl: "http://x/cb", state: "s" }),
          tiktok.shopId,
        );
        query = {
          ...contract.request.query,
          app_key: testChannelEnv.TIKTOK_APP_KEY,
          app_secret: testChannelEnv.TIKTOK_APP_SECRET,
          auth_code: code,
        };
      }
      const json = await tiktokReplay(
        contract,
        request.path,
        withoutPlaceholders(query),
        request.body && withoutPlaceholders(request.body),
      );
      const gaps =
        json.code !== 0
          ? [`request refused: ${String(json.code)} ${String(json.message)}`]
          : shapeGaps(contract.response, json).filter((gap) => !["message", "request_id"].includes(gap));
      foundGaps[`tiktok/${name}`] = gaps;
      expect(gaps).toEqual(recordedGaps[`tiktok/${name}`] ?? []);
    });
  }
});
