import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { devShopeeApp } from "../src/credentials";
import { type Product } from "../src/store/types";
import { shopeeAuthorize, shopeeCall, shopeeConnect, shopeeUrl, startSim, type TestSim } from "./helpers";

let t: TestSim;
let shopId: string;

beforeEach(async () => {
  t = await startSim();
  shopId = t.sim.ctx.store.listShops("shopee")[0]?.shopId ?? "";
});
afterEach(() => t.close());

function productsOf(): Product[] {
  const shop = t.sim.ctx.store.requireShop("shopee", shopId);
  return t.sim.ctx.store.productsOf(shop);
}

describe("Shopee request signing", () => {
  it("accepts a correctly signed shop call and answers in the Shopee envelope", async () => {
    const auth = await shopeeConnect(t, shopId);
    const { status, json } = await shopeeCall(t, "GET", "/api/v2/shop/get_shop_info", auth);
    expect(status).toBe(200);
    expect(json).toMatchObject({ error: "", message: "", shop_name: "Shopee Demo Store", region: "SG" });
    expect(typeof json.request_id).toBe("string");
  });

  it("refuses a tampered signature with error_sign", async () => {
    const auth = await shopeeConnect(t, shopId);
    const url = new URL(shopeeUrl(t, "/api/v2/shop/get_shop_info", auth));
    // Signed for one shop, sent for another: the base string no longer matches.
    url.searchParams.set("shop_id", String(Number(shopId) + 1));
    const response = await fetch(url);
    expect(await response.json()).toMatchObject({ error: "error_sign", message: "Wrong sign." });
  });

  it("refuses a stale timestamp with error_param Invalid timestamp", async () => {
    const auth = await shopeeConnect(t, shopId);
    const stale = Math.floor(t.clock.now() / 1000) - 301;
    const response = await fetch(shopeeUrl(t, "/api/v2/shop/get_shop_info", auth, {}, stale));
    expect(await response.json()).toMatchObject({ error: "error_param", message: "Invalid timestamp" });
  });

  it("refuses an unknown partner_id", async () => {
    const url = new URL(shopeeUrl(t, "/api/v2/push/get_lost_push_message"));
    url.searchParams.set("partner_id", "999");
    expect(await (await fetch(url)).json()).toMatchObject({ error: "error_auth" });
  });
});

describe("Shopee OAuth", () => {
  it("redirects with a code and shop_id, and the code works exactly once", async () => {
    const { code, shopId: returned } = await shopeeAuthorize(t, shopId);
    expect(returned).toBe(shopId);
    expect(code).toMatch(/^[0-9a-f]{32}$/);
    const body = { code, partner_id: devShopeeApp.partnerId, shop_id: Number(shopId) };
    const first = await shopeeCall(t, "POST", "/api/v2/auth/token/get", undefined, { body });
    expect(first.json).toMatchObject({ error: "", expire_in: 14_400 });
    expect(first.json.access_token).toEqual(expect.any(String));
    const second = await shopeeCall(t, "POST", "/api/v2/auth/token/get", undefined, { body });
    expect(second.json.error).toBe("error_auth");
  });

  it("refuses an authorize link with a bad signature", async () => {
    const url = new URL(shopeeUrl(t, "/api/v2/shop/auth_partner", undefined, { redirect: "http://localhost:3000/cb" }));
    url.searchParams.set("sign", "0".repeat(64));
    const response = await fetch(url);
    expect(await response.json()).toMatchObject({ error: "error_sign" });
  });

  it("expires access tokens after 4 hours; refresh tokens are single-use; the old token lives 5 more minutes", async () => {
    const auth = await shopeeConnect(t, shopId);
    t.clock.advance(4 * 3600 + 1);
    expect((await shopeeCall(t, "GET", "/api/v2/shop/get_shop_info", auth)).json).toMatchObject({
      error: "error_auth",
      message: "Invalid access_token.",
    });

    const refreshBody = {
      refresh_token: auth.refreshToken,
      partner_id: devShopeeApp.partnerId,
      shop_id: Number(shopId),
    };
    const refreshed = await shopeeCall(t, "POST", "/api/v2/auth/access_token/get", undefined, { body: refreshBody });
    expect(refreshed.json).toMatchObject({ error: "", expire_in: 14_400, shop_id: Number(shopId) });
    const next = { accessToken: String(refreshed.json.access_token), shopId };
    expect((await shopeeCall(t, "GET", "/api/v2/shop/get_shop_info", next)).json.error).toBe("");

    // The same refresh token again: refused (single-use).
    const reused = await shopeeCall(t, "POST", "/api/v2/auth/access_token/get", undefined, { body: refreshBody });
    expect(reused.json.error).toBe("error_auth");

    // Refresh once more with the new refresh token; the previous access token stays valid 5 minutes.
    const again = await shopeeCall(t, "POST", "/api/v2/auth/access_token/get", undefined, {
      body: { ...refreshBody, refresh_token: String(refreshed.json.refresh_token) },
    });
    expect(again.json.error).toBe("");
    t.clock.advance(299);
    expect((await shopeeCall(t, "GET", "/api/v2/shop/get_shop_info", next)).json.error).toBe("");
    t.clock.advance(2);
    expect((await shopeeCall(t, "GET", "/api/v2/shop/get_shop_info", next)).json.error).toBe("error_auth");
  });
});

describe("Shopee products", () => {
  it("lists items and reads base info with comma, bracketed and repeated id lists", async () => {
    const auth = await shopeeConnect(t, shopId);
    const list = await shopeeCall(t, "GET", "/api/v2/product/get_item_list", auth, {
      query: { offset: "0", page_size: "4", item_status: ["NORMAL"] },
    });
    expect(list.json.response).toMatchObject({ total_count: 6, has_next_page: true, next_offset: 4 });
    const ids = productsOf()
      .slice(0, 3)
      .map((p) => p.id);
    for (const form of [
      { item_id_list: ids.join(",") },
      { item_id_list: `[${ids.join(",")}]` },
      { item_id_list: ids },
    ]) {
      const info = await shopeeCall(t, "GET", "/api/v2/product/get_item_base_info", auth, { query: form });
      const items = (info.json.response?.item_list ?? []) as { item_id: number }[];
      expect(items.map((item) => String(item.item_id))).toEqual(ids);
    }
    const tooMany = await shopeeCall(t, "GET", "/api/v2/product/get_item_base_info", auth, {
      query: { item_id_list: Array.from({ length: 51 }, (_, i) => String(i + 1)).join(",") },
    });
    expect(tooMany.json.error).toBe("error_param");
  });

  it("hides price_info on items with models and serves get_model_list", async () => {
    const auth = await shopeeConnect(t, shopId);
    const withModels = productsOf().find((p) => p.hasModel);
    expect(withModels).toBeDefined();
    const info = await shopeeCall(t, "GET", "/api/v2/product/get_item_base_info", auth, {
      query: { item_id_list: withModels?.id ?? "" },
    });
    const item = (info.json.response?.item_list as Record<string, unknown>[])[0];
    expect(item).toMatchObject({ has_model: true });
    expect(item).not.toHaveProperty("price_info");
    const models = await shopeeCall(t, "GET", "/api/v2/product/get_model_list", auth, {
      query: { item_id: withModels?.id ?? "" },
    });
    expect((models.json.response?.model as unknown[]).length).toBe(withModels?.variants.length);
  });

  it("enforces update_price limits and the has-model rule", async () => {
    const auth = await shopeeConnect(t, shopId);
    const single = productsOf().find((p) => !p.hasModel);
    const withModels = productsOf().find((p) => p.hasModel);
    const ok = await shopeeCall(t, "POST", "/api/v2/product/update_price", auth, {
      body: { item_id: Number(single?.id), price_list: [{ model_id: 0, original_price: 12.5 }] },
    });
    expect(ok.json.response).toEqual({ success_list: [{ model_id: 0, original_price: 12.5 }], failure_list: [] });
    expect(single?.variants[0]?.price).toBe(12.5);

    const tooMany = await shopeeCall(t, "POST", "/api/v2/product/update_price", auth, {
      body: {
        item_id: Number(withModels?.id),
        price_list: Array.from({ length: 51 }, () => ({
          model_id: Number(withModels?.variants[0]?.id),
          original_price: 3,
        })),
      },
    });
    expect(tooMany.json.error).toBe("error_param");
    const empty = await shopeeCall(t, "POST", "/api/v2/product/update_price", auth, {
      body: { item_id: Number(single?.id), price_list: [] },
    });
    expect(empty.json.error).toBe("error_param");
    const itemLevel = await shopeeCall(t, "POST", "/api/v2/product/update_price", auth, {
      body: { item_id: Number(withModels?.id), price_list: [{ model_id: 0, original_price: 3 }] },
    });
    expect(itemLevel.json.error).toBe("error_edit_item_price_for_item_has_model");
    const tooPrecise = await shopeeCall(t, "POST", "/api/v2/product/update_price", auth, {
      body: { item_id: Number(single?.id), price_list: [{ model_id: 0, original_price: 1.234 }] },
    });
    expect((tooPrecise.json.response?.failure_list as unknown[]).length).toBe(1);
    // Two-decimal prices that are inexact in binary floating point are still valid (20.07 * 100 = 2006.99…).
    const inexact = await shopeeCall(t, "POST", "/api/v2/product/update_price", auth, {
      body: { item_id: Number(single?.id), price_list: [{ model_id: 0, original_price: 20.07 }] },
    });
    expect(inexact.json.response).toEqual({ success_list: [{ model_id: 0, original_price: 20.07 }], failure_list: [] });
  });

  it("updates stock but refuses stock below the promotion-reserved stock", async () => {
    const auth = await shopeeConnect(t, shopId);
    const shop = t.sim.ctx.store.requireShop("shopee", shopId);
    const single = productsOf().find((p) => !p.hasModel);
    t.sim.seller.setStock(shop, single?.id ?? "", "0", 10);
    t.sim.seller.setPromotionReserved(shop, single?.id ?? "", "0", 4);
    const below = await shopeeCall(t, "POST", "/api/v2/product/update_stock", auth, {
      body: { item_id: Number(single?.id), stock_list: [{ model_id: 0, seller_stock: [{ stock: 3 }] }] },
    });
    expect(below.json.response).toMatchObject({ success_list: [], failure_list: [{ model_id: 0 }] });
    const ok = await shopeeCall(t, "POST", "/api/v2/product/update_stock", auth, {
      body: { item_id: Number(single?.id), stock_list: [{ model_id: 0, seller_stock: [{ stock: 20 }] }] },
    });
    expect(ok.json.response).toMatchObject({
      success_list: [{ model_id: 0, location_id: "SGZ", stock: 20 }],
      failure_list: [],
    });
    const tooMany = await shopeeCall(t, "POST", "/api/v2/product/update_stock", auth, {
      body: {
        item_id: Number(single?.id),
        stock_list: Array.from({ length: 51 }, () => ({ model_id: 0, seller_stock: [{ stock: 1 }] })),
      },
    });
    expect(tooMany.json.error).toBe("error_param");
  });

  it("adds an item with validation and refuses price fields in update_item", async () => {
    const auth = await shopeeConnect(t, shopId);
    const missing = await shopeeCall(t, "POST", "/api/v2/product/add_item", auth, { body: { item_name: "Mug" } });
    expect(missing.json.error).toBe("error_param");
    const added = await shopeeCall(t, "POST", "/api/v2/product/add_item", auth, {
      body: {
        item_name: "Mug",
        description: "A mug",
        original_price: 9.9,
        weight: 0.4,
        category_id: 100001,
        image: { image_id_list: ["img1"] },
        logistic_info: [{ logistic_id: 1, enabled: true }],
        seller_stock: [{ stock: 7 }],
        item_sku: "MUG-1",
      },
    });
    expect(added.json.error).toBe("");
    const itemId = Number(added.json.response?.item_id);
    const update = await shopeeCall(t, "POST", "/api/v2/product/update_item", auth, {
      body: { item_id: itemId, original_price: 5 },
    });
    expect(update.json.error).toBe("error_param");
    const renamed = await shopeeCall(t, "POST", "/api/v2/product/update_item", auth, {
      body: { item_id: itemId, item_name: "Big mug" },
    });
    expect(renamed.json.response).toMatchObject({ item_name: "Big mug" });
  });

  it("appends tier options with update_tier_variation and adds models with add_model, as Shopee validates", async () => {
    const auth = await shopeeConnect(t, shopId);
    const item = productsOf().find((p) => p.hasModel && p.tiers.length > 0);
    expect(item).toBeDefined();
    const itemId = Number(item?.id);
    const tiers = item?.tiers ?? [];
    const tier = tiers[0] ?? { name: "", options: [] };
    const rest = tiers.slice(1).map((t) => ({ name: t.name, option_list: t.options.map((option) => ({ option })) }));
    const zeros = rest.map(() => 0);
    const held = item?.variants.map((v) => v.id) ?? [];
    // Existing options keep their place: removing or reordering is refused.
    const reordered = await shopeeCall(t, "POST", "/api/v2/product/update_tier_variation", auth, {
      body: {
        item_id: itemId,
        tier_variation: [
          { name: tier.name, option_list: [...tier.options].reverse().map((option) => ({ option })) },
          ...rest,
        ],
      },
    });
    expect(reordered.json.error).toBe("error_param");
    const appended = await shopeeCall(t, "POST", "/api/v2/product/update_tier_variation", auth, {
      body: {
        item_id: itemId,
        tier_variation: [
          { name: tier.name, option_list: [...tier.options, "Extra"].map((option) => ({ option })) },
          ...rest,
        ],
      },
    });
    expect(appended.json.error).toBe("");
    const newIndex = tier.options.length;
    const outside = await shopeeCall(t, "POST", "/api/v2/product/add_model", auth, {
      body: {
        item_id: itemId,
        model_list: [{ tier_index: [newIndex + 1, ...zeros], original_price: 5, seller_stock: [{ stock: 1 }] }],
      },
    });
    expect(outside.json).toMatchObject({ error: "error_param", message: "tier_index points outside option_list." });
    const taken = await shopeeCall(t, "POST", "/api/v2/product/add_model", auth, {
      body: {
        item_id: itemId,
        model_list: [{ tier_index: item?.variants[0]?.tierIndex, original_price: 5, seller_stock: [{ stock: 1 }] }],
      },
    });
    expect(taken.json.error).toBe("error_param");
    const added = await shopeeCall(t, "POST", "/api/v2/product/add_model", auth, {
      body: {
        item_id: itemId,
        model_list: [
          { tier_index: [newIndex, ...zeros], original_price: 5.5, model_sku: "NEW-1", seller_stock: [{ stock: 3 }] },
        ],
      },
    });
    expect(added.json.error).toBe("");
    const model = (added.json.response?.model as { model_id: number; model_sku: string }[])[0];
    expect(model?.model_sku).toBe("NEW-1");
    const after = productsOf().find((p) => p.id === item?.id);
    expect(after?.variants.map((v) => v.id)).toEqual([...held, String(model?.model_id)]);
    expect(after?.variants.at(-1)).toMatchObject({ sku: "NEW-1", price: 5.5, tierIndex: [newIndex, ...zeros] });
    // Signed like every shop call.
    const url = new URL(shopeeUrl(t, "/api/v2/product/add_model", auth));
    url.searchParams.set("shop_id", String(Number(shopId) + 1));
    const forged = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(await forged.json()).toMatchObject({ error: "error_sign" });
  });

  it("reads orders placed in the seller centre", async () => {
    const auth = await shopeeConnect(t, shopId);
    const shop = t.sim.ctx.store.requireShop("shopee", shopId);
    const single = productsOf().find((p) => !p.hasModel && (p.variants[0]?.stock[0]?.stock ?? 0) > 2);
    const { result } = t.sim.seller.placeOrder(shop, { lines: [{ productId: single?.id ?? "", quantity: 2 }] });
    const now = Math.floor(t.clock.now() / 1000);
    const list = await shopeeCall(t, "GET", "/api/v2/order/get_order_list", auth, {
      query: {
        time_range_field: "create_time",
        time_from: String(now - 60),
        time_to: String(now + 60),
        page_size: "10",
      },
    });
    expect(list.json.response).toMatchObject({ more: false, order_list: [{ order_sn: result.id }] });
    const detail = await shopeeCall(t, "GET", "/api/v2/order/get_order_detail", auth, {
      query: { order_sn_list: result.id },
    });
    expect(detail.json.response).toMatchObject({
      order_list: [{ order_sn: result.id, order_status: "READY_TO_SHIP" }],
    });
  });

  it("takes sellable stock at order creation; reserved stock is promotion stock only", async () => {
    const auth = await shopeeConnect(t, shopId);
    const shop = t.sim.ctx.store.requireShop("shopee", shopId);
    const single = productsOf().find((p) => !p.hasModel);
    const id = single?.id ?? "";
    t.sim.seller.setStock(shop, id, "0", 10);
    t.sim.seller.placeOrder(shop, { lines: [{ productId: id, quantity: 2 }] });
    const unpaid = t.sim.seller.placeOrder(shop, { lines: [{ productId: id, quantity: 4 }], paid: false }).result;
    const info = async () => {
      const res = await shopeeCall(t, "GET", "/api/v2/product/get_item_base_info", auth, {
        query: { item_id_list: id },
      });
      return (res.json.response as { item_list: { stock_info_v2: unknown }[] }).item_list[0]?.stock_info_v2;
    };
    expect(await info()).toMatchObject({
      summary_info: { total_reserved_stock: 0, total_available_stock: 4 },
      seller_stock: [{ stock: 4 }],
    });
    const one = await shopeeCall(t, "POST", "/api/v2/product/update_stock", auth, {
      body: { item_id: Number(id), stock_list: [{ model_id: 0, seller_stock: [{ stock: 1 }] }] },
    });
    expect(one.json.response).toMatchObject({ success_list: [{ model_id: 0, stock: 1 }], failure_list: [] });
    t.sim.seller.cancelOrder(shop, unpaid.id, { by: "buyer", reason: "Need to change delivery address" });
    expect(await info()).toMatchObject({ seller_stock: [{ stock: 5 }] });
  });

  it("answers pay_time, cancel_by, cancel_reason, fulfillment_flag and package_list, asked for or not, as the documented example does", async () => {
    const auth = await shopeeConnect(t, shopId);
    const shop = t.sim.ctx.store.requireShop("shopee", shopId);
    const single = productsOf().find((p) => !p.hasModel && (p.variants[0]?.stock[0]?.stock ?? 0) > 2);
    const { result } = t.sim.seller.placeOrder(shop, { lines: [{ productId: single?.id ?? "", quantity: 1 }] });
    t.sim.seller.cancelOrder(shop, result.id, { by: "seller", reason: "OUT_OF_STOCK" });
    expect(single?.variants[0]?.stock[0]?.stock).toBe(0);
    const expected = {
      order_list: [
        {
          order_sn: result.id,
          order_status: "CANCELLED",
          region: "SG",
          pay_time: result.createTime,
          cancel_by: "seller",
          cancel_reason: "OUT_OF_STOCK",
          buyer_cancel_reason: "",
          fulfillment_flag: "fulfilled_by_local_seller",
          recipient_address: { region: "SG" },
          package_list: [
            {
              package_number: `PKG${result.id}`,
              logistics_status: "LOGISTICS_NOT_START",
              item_list: [{ item_id: Number(single?.id), model_quantity: 1 }],
            },
          ],
          item_list: [
            { model_quantity_purchased: 1, weight: single?.weight, product_location_id: [shop.locations[0]] },
          ],
        },
      ],
    };
    for (const optional of [undefined, "pay_time,cancel_by,cancel_reason,fulfillment_flag,package_list,item_list"]) {
      const answer = await shopeeCall(t, "GET", "/api/v2/order/get_order_detail", auth, {
        query: { order_sn_list: result.id, ...(optional ? { response_optional_fields: optional } : {}) },
      });
      expect(answer.json.response).toMatchObject(expected);
    }
  });
});

describe("Shopee's newer authorization link (open.shopee.com/auth)", () => {
  it("authorizes a seller through /auth with auth_type=seller and response_type=code, returning code, shop_id and state", async () => {
    const t = await startSim();
    try {
      const shopId = t.sim.ctx.store.listShops("shopee")[0]?.shopId ?? "";
      const link = new URL(`${t.urls.shopee}/auth`);
      link.search = new URLSearchParams({
        partner_id: String(devShopeeApp.partnerId),
        auth_type: "seller",
        redirect_uri: "http://localhost:3000/api/channels/shopee/callback",
        response_type: "code",
        state: "csrf-1",
      }).toString();
      const page = await fetch(link);
      expect(page.status).toBe(200);
      const html = await page.text();
      const hidden = Object.fromEntries(
        [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
          m[1] ?? "",
          (m[2] ?? "").replaceAll("&amp;", "&"),
        ]),
      );
      const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? "";
      expect(action).toBe("/auth/authorize");
      const submitted = await fetch(`${t.urls.shopee}${action}`, {
        method: "POST",
        redirect: "manual",
        body: new URLSearchParams({ ...hidden, shop_id: shopId }),
      });
      const back = new URL(submitted.headers.get("location") ?? "");
      expect(back.pathname).toBe("/api/channels/shopee/callback");
      expect(back.searchParams.get("state")).toBe("csrf-1");
      expect(back.searchParams.get("shop_id")).toBe(shopId);
      const { json } = await shopeeCall(t, "POST", "/api/v2/auth/token/get", undefined, {
        body: { code: back.searchParams.get("code"), partner_id: devShopeeApp.partnerId, shop_id: Number(shopId) },
      });
      expect(json.error).toBe("");
      expect(typeof json.access_token).toBe("string");

      link.searchParams.set("auth_type", "user");
      const refused = await fetch(link);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ error: "error_param" });
    } finally {
      await t.close();
    }
  });
});

describe("Shopee tier variations in the newer standardised form", () => {
  it("update_tier_variation with model_list moves models onto the new options and deletes the ones it leaves out (developer guide, Variant management)", async () => {
    const auth = await shopeeConnect(t, shopId);
    const item = productsOf().find((p) => p.tiers.length === 2);
    const [colours, sizes] = item?.tiers ?? [];
    const kept = (item?.variants ?? []).filter((v) => v.tierIndex[0] === 1);
    const dropped = (item?.variants ?? []).filter((v) => v.tierIndex[0] === 0);
    expect(kept.length).toBeGreaterThan(0);
    const body = {
      item_id: Number(item?.id),
      standardise_tier_variation: [
        {
          variation_name: colours?.name,
          variation_option_list: [{ variation_option_name: colours?.options[1] }],
        },
        {
          variation_name: sizes?.name,
          variation_option_list: (sizes?.options ?? []).map((option) => ({ variation_option_name: option })),
        },
      ],
      model_list: kept.map((v) => ({ model_id: Number(v.id), tier_index: [0, v.tierIndex[1]] })),
    };
    const update = await shopeeCall(t, "POST", "/api/v2/product/update_tier_variation", auth, { body });
    expect(update.json).toMatchObject({ error: "" });
    const models = await shopeeCall(t, "GET", "/api/v2/product/get_model_list", auth, {
      query: { item_id: String(item?.id) },
    });
    const response = models.json.response as {
      tier_variation: unknown[];
      model: { model_id: number; tier_index: number[] }[];
    };
    expect(response.tier_variation[0]).toMatchObject({ option_list: [{ option: colours?.options[1] }] });
    expect(response.model.map((m) => m.model_id).sort()).toEqual(kept.map((v) => Number(v.id)).sort());
    expect(response.model.every((m) => m.tier_index[0] === 0)).toBe(true);
    expect(response.model.some((m) => dropped.some((v) => Number(v.id) === m.model_id))).toBe(false);
    const foreign = await shopeeCall(t, "POST", "/api/v2/product/update_tier_variation", auth, {
      body: { ...body, model_list: [{ model_id: 1, tier_index: [0, 0] }] },
    });
    expect(foreign.json).toMatchObject({ error: "error_param" });
  });

  it("init_tier_variation takes standardise_tier_variation (as its page's example sends) and get_model_list answers both forms with the option images", async () => {
    const auth = await shopeeConnect(t, shopId);
    const plain = productsOf().find((p) => !p.hasModel);
    const body = {
      item_id: Number(plain?.id),
      standardise_tier_variation: [
        {
          variation_id: 0,
          variation_group_id: 0,
          variation_name: "Color",
          variation_option_list: [
            { variation_option_id: 0, variation_option_name: "Cream", image_id: "img-cream" },
            { variation_option_id: 0, variation_option_name: "Blue", image_id: "img-blue" },
          ],
        },
      ],
      model: [
        { tier_index: [0], model_sku: "SKU-CREAM", original_price: 10, seller_stock: [{ stock: 3 }] },
        { tier_index: [1], model_sku: "SKU-BLUE", original_price: 12, seller_stock: [{ stock: 4 }] },
      ],
    };
    const init = await shopeeCall(t, "POST", "/api/v2/product/init_tier_variation", auth, { body });
    expect(init.json).toMatchObject({
      error: "",
      response: {
        tier_variation: [
          {
            name: "Color",
            option_list: [
              { option: "Cream", image: { image_id: "img-cream", image_url: "https://cf.shopee.sg/file/img-cream" } },
              { option: "Blue", image: { image_id: "img-blue" } },
            ],
          },
        ],
        model: [{ model_sku: "SKU-CREAM", tier_index: [0], seller_stock: [{ stock: 3 }] }, { model_sku: "SKU-BLUE" }],
      },
    });
    const models = await shopeeCall(t, "GET", "/api/v2/product/get_model_list", auth, {
      query: { item_id: String(plain?.id) },
    });
    expect(models.json.response).toMatchObject({
      standardise_tier_variation: [
        {
          variation_name: "Color",
          variation_option_list: [
            { variation_option_name: "Cream", image_id: "img-cream" },
            { variation_option_name: "Blue", image_id: "img-blue" },
          ],
        },
      ],
      model: [
        {
          model_sku: "SKU-CREAM",
          model_status: "MODEL_NORMAL",
          price_info: [{ original_price: 10, inflated_price_of_original_price: 10 }],
          stock_info_v2: { seller_stock: [{ stock: 3, if_saleable: true }], shopee_stock: [] },
        },
        { model_sku: "SKU-BLUE" },
      ],
    });
  });
});
