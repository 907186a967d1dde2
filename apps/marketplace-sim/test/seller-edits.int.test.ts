import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Shop } from "../src/store/types";
import {
  admin,
  shopeeCall,
  shopeeConnect,
  startReceiver,
  startSim,
  tiktokCall,
  tiktokConnect,
  waitFor,
  type Receiver,
  type TestSim,
} from "./helpers";

let t: TestSim;
let tiktok: Receiver;
let tiktokShop: Shop;
let shopeeShop: Shop;

beforeEach(async () => {
  tiktok = await startReceiver("/webhooks/tiktok");
  t = await startSim({ webhookTargets: { shopee: null, tiktok: tiktok.url }, webhookTimeScale: 0.0001 });
  tiktokShop = t.sim.ctx.store.listShops("tiktok")[0] as Shop;
  shopeeShop = t.sim.ctx.store.listShops("shopee")[0] as Shop;
});
afterEach(async () => {
  await t.close();
  await tiktok.close();
});

const bodies = () =>
  tiktok.requests.map((request) => JSON.parse(request.body) as { type: number; data: Record<string, unknown> });

describe("seller-centre edits", () => {
  it("TikTok: a title edit changes the product and sends type 15 from SELLER_CENTER", async () => {
    const product = t.sim.ctx.store.productsOf(tiktokShop)[0]!;
    const { status } = await admin(t, "PATCH", `/shops/tiktok/${tiktokShop.shopId}/products/${product.id}`, {
      title: "Seller title",
      description: "<p>Seller words</p>",
    });
    expect(status).toBe(200);
    expect(product.title).toBe("Seller title");
    await waitFor(() => tiktok.requests.length === 1);
    expect(bodies()[0]).toMatchObject({
      type: 15,
      data: { product_id: product.id, change_source: "SELLER_CENTER", changed_fields: ["title", "description"] },
    });
  });

  it("TikTok: our own API edit announces itself as OPEN_API", async () => {
    const auth = await tiktokConnect(t, tiktokShop.shopId);
    const product = t.sim.ctx.store.productsOf(tiktokShop)[0]!;
    const edited = await tiktokCall(t, "POST", `/product/202309/products/${product.id}/partial_edit`, auth, {
      body: { title: "From the API" },
    });
    expect(edited.json.code).toBe(0);
    await waitFor(() => tiktok.requests.length === 1);
    expect(bodies()[0]).toMatchObject({ type: 15, data: { change_source: "OPEN_API", changed_fields: ["title"] } });
  });

  it("TikTok: renames option values and edits images and prices", async () => {
    const product = t.sim.ctx.store.productsOf(tiktokShop).find((p) => p.tiers.length > 0)!;
    const tier = product.tiers[0]!;
    const renamed = tier.options.map((option) => `${option} (new)`);
    await admin(t, "PATCH", `/shops/tiktok/${tiktokShop.shopId}/products/${product.id}`, {
      options: { [tier.name]: renamed },
      images: ["tos/a", "tos/b"],
      price: 12.5,
    });
    expect(product.tiers[0]?.options).toEqual(renamed);
    expect(product.images).toEqual(["tos/a", "tos/b"]);
    expect(product.variants.every((variant) => variant.price === 12.5)).toBe(true);
    const wrong = await admin(t, "PATCH", `/shops/tiktok/${tiktokShop.shopId}/products/${product.id}`, {
      options: { [tier.name]: ["only one"] },
    });
    expect(wrong.status).toBe(400);
    const empty = await admin(t, "PATCH", `/shops/tiktok/${tiktokShop.shopId}/products/${product.id}`, {});
    expect(empty.status).toBe(400);
  });

  it("Shopee: an edit sends no push and moves update_time", async () => {
    const auth = await shopeeConnect(t, shopeeShop.shopId);
    const product = t.sim.ctx.store.productsOf(shopeeShop)[0]!;
    const before = product.updateTime;
    t.clock.advance(5);
    await admin(t, "PATCH", `/shops/shopee/${shopeeShop.shopId}/products/${product.id}`, { title: "Shopee seller" });
    expect(product.updateTime).toBeGreaterThan(before);
    const list = await shopeeCall(t, "GET", "/api/v2/product/get_item_list", auth, {
      query: {
        offset: "0",
        page_size: "100",
        item_status: "NORMAL",
        update_time_from: String(Math.floor((before + 1_000) / 1000)),
      },
    });
    expect(JSON.stringify(list.json.response)).toContain(product.id);
  });

  it("the seller delists and relists: Shopee UNLIST/NORMAL with no push, TikTok SELLER_DEACTIVATED/ACTIVATE with type 5", async () => {
    const shopeeProduct = t.sim.ctx.store.productsOf(shopeeShop)[0]!;
    const before = shopeeProduct.updateTime;
    t.clock.advance(5);
    await admin(t, "PATCH", `/shops/shopee/${shopeeShop.shopId}/products/${shopeeProduct.id}`, { status: "inactive" });
    expect(shopeeProduct.status).toBe("UNLIST");
    expect(shopeeProduct.updateTime).toBeGreaterThan(before);
    await admin(t, "PATCH", `/shops/shopee/${shopeeShop.shopId}/products/${shopeeProduct.id}`, { status: "active" });
    expect(shopeeProduct.status).toBe("NORMAL");

    const tiktokProduct = t.sim.ctx.store.productsOf(tiktokShop)[0]!;
    await admin(t, "PATCH", `/shops/tiktok/${tiktokShop.shopId}/products/${tiktokProduct.id}`, { status: "inactive" });
    expect(tiktokProduct.status).toBe("SELLER_DEACTIVATED");
    await waitFor(() => tiktok.requests.length === 1);
    expect(bodies()[0]).toMatchObject({
      type: 5,
      data: { product_id: tiktokProduct.id, status: "SELLER_DEACTIVATED" },
    });
    const { status } = await admin(t, "PATCH", `/shops/tiktok/${tiktokShop.shopId}/products/${tiktokProduct.id}`, {
      status: "paused",
    });
    expect(status).toBe(400);
  });
});

describe("TikTok content review", () => {
  it("holds an edit under review while the live version stays; approval makes it live and sends type 15", async () => {
    await admin(t, "PUT", `/shops/tiktok/${tiktokShop.shopId}/review`, { enabled: true, autoApproveMs: null });
    const auth = await tiktokConnect(t, tiktokShop.shopId);
    const product = t.sim.ctx.store.productsOf(tiktokShop)[0]!;
    const live = product.title;
    await admin(t, "PATCH", `/shops/tiktok/${tiktokShop.shopId}/products/${product.id}`, { title: "Under review" });
    const read = await tiktokCall(t, "GET", `/product/202309/products/${product.id}`, auth);
    expect(read.json.data).toMatchObject({ title: live, audit: { status: "AUDITING" } });
    expect(tiktok.requests.length).toBe(0);

    const approved = await admin(t, "POST", `/shops/tiktok/${tiktokShop.shopId}/products/${product.id}/review/approve`);
    expect(approved.status).toBe(200);
    expect(product.title).toBe("Under review");
    await waitFor(() => tiktok.requests.length === 1);
    expect(bodies()[0]).toMatchObject({ type: 15, data: { change_source: "SELLER_CENTER" } });
  });

  it("a rejection keeps the live version and carries the reason", async () => {
    await admin(t, "PUT", `/shops/tiktok/${tiktokShop.shopId}/review`, { enabled: true });
    const auth = await tiktokConnect(t, tiktokShop.shopId);
    const product = t.sim.ctx.store.productsOf(tiktokShop)[0]!;
    const live = product.title;
    await admin(t, "PATCH", `/shops/tiktok/${tiktokShop.shopId}/products/${product.id}`, { title: "Bad words" });
    await admin(t, "POST", `/shops/tiktok/${tiktokShop.shopId}/products/${product.id}/review/reject`, {
      reason: "Prohibited words in the title",
    });
    expect(product.title).toBe(live);
    const read = await tiktokCall(t, "GET", `/product/202309/products/${product.id}`, auth);
    expect(read.json.data).toMatchObject({
      audit: { status: "FAILED", failed_reasons: [{ reasons: ["Prohibited words in the title"] }] },
    });
    await waitFor(() => tiktok.requests.length === 1);
    expect(bodies()[0]).toMatchObject({ type: 5 });
    const again = await admin(t, "POST", `/shops/tiktok/${tiktokShop.shopId}/products/${product.id}/review/approve`);
    expect(again.status).toBe(409);
  });

  it("approves by itself after the configured delay", async () => {
    await admin(t, "PUT", `/shops/tiktok/${tiktokShop.shopId}/review`, { enabled: true, autoApproveMs: 30 });
    const product = t.sim.ctx.store.productsOf(tiktokShop)[0]!;
    await admin(t, "PATCH", `/shops/tiktok/${tiktokShop.shopId}/products/${product.id}`, { title: "Soon live" });
    await waitFor(() => product.title === "Soon live");
    expect(product.review?.status).toBe("APPROVED");
  });

  it("Shopee has no content review", async () => {
    const refused = await admin(t, "PUT", `/shops/shopee/${shopeeShop.shopId}/review`, { enabled: true });
    expect(refused.status).toBe(400);
  });
});
