import { verifyShopeePush, verifyTikTokWebhook } from "@syncstore/channels/signing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { devShopeeApp, devTikTokApp } from "../src/credentials";
import { type Shop } from "../src/store/types";
import { admin, shopeeCall, startReceiver, startSim, waitFor, type Receiver, type TestSim } from "./helpers";

let t: TestSim;
let shopee: Receiver;
let tiktok: Receiver;
let shopeeShop: Shop;
let tiktokShop: Shop;

beforeEach(async () => {
  shopee = await startReceiver("/webhooks/shopee");
  tiktok = await startReceiver("/webhooks/tiktok");
  // Retry schedules compressed ten-thousandfold: 5 min -> 30 ms, 12 h -> 4.3 s.
  t = await startSim({
    webhookTargets: { shopee: shopee.url, tiktok: tiktok.url },
    webhookTimeScale: 0.0001,
    webhookReorderWindowMs: 50,
  });
  shopeeShop = t.sim.ctx.store.listShops("shopee")[0] as Shop;
  tiktokShop = t.sim.ctx.store.listShops("tiktok")[0] as Shop;
});
afterEach(async () => {
  await t.close();
  await shopee.close();
  await tiktok.close();
});

function firstProduct(shop: Shop) {
  const product = t.sim.ctx.store.productsOf(shop).find((p) => !p.hasModel);
  if (!product) throw new Error("no single-variant product");
  return { product, variant: product.variants[0] ?? { id: "0" } };
}

describe("webhook delivery", () => {
  it("signs Shopee pushes with HMAC(partner key, url|body) and TikTok's with HMAC(secret, app_key + body)", async () => {
    const s = firstProduct(shopeeShop);
    await admin(t, "PATCH", `/shops/shopee/${shopeeShop.shopId}/products/${s.product.id}/variants/${s.variant.id}`, {
      price: 19.9,
    });
    const k = firstProduct(tiktokShop);
    await admin(t, "PATCH", `/shops/tiktok/${tiktokShop.shopId}/products/${k.product.id}/variants/${k.variant.id}`, {
      price: 21,
    });
    await waitFor(() => shopee.requests.length === 1 && tiktok.requests.length === 1);

    const push = shopee.requests[0];
    expect(
      verifyShopeePush(devShopeeApp.partnerKey, shopee.url, push?.body ?? "", String(push?.headers.authorization)),
    ).toBe(true);
    expect(JSON.parse(push?.body ?? "{}")).toMatchObject({
      code: 22,
      shop_id: Number(shopeeShop.shopId),
      data: { item_id: Number(s.product.id) },
    });

    const hook = tiktok.requests[0];
    expect(
      verifyTikTokWebhook(
        devTikTokApp.appSecret,
        devTikTokApp.appKey,
        hook?.body ?? "",
        String(hook?.headers.authorization),
      ),
    ).toBe(true);
    expect(JSON.parse(hook?.body ?? "{}")).toMatchObject({
      type: 15,
      shop_id: tiktokShop.shopId,
      data: { product_id: k.product.id, change_source: "SELLER_CENTER", changed_fields: ["price"] },
    });
  });

  it("sends order, cancel, ship, delete and ban events with the platform codes", async () => {
    const s = firstProduct(shopeeShop);
    const order = await admin<{ result: { id: string } }>(t, "POST", `/shops/shopee/${shopeeShop.shopId}/orders`, {
      lines: [{ productId: s.product.id, quantity: 1 }],
    });
    expect(order.status).toBe(201);
    await admin(t, "POST", `/shops/shopee/${shopeeShop.shopId}/orders/${order.json.result.id}/ship`);
    await admin(t, "POST", `/shops/shopee/${shopeeShop.shopId}/products/${s.product.id}/ban`, {});
    const k = firstProduct(tiktokShop);
    const tOrder = await admin<{ result: { id: string } }>(t, "POST", `/shops/tiktok/${tiktokShop.shopId}/orders`, {
      lines: [{ productId: k.product.id, quantity: 1 }],
    });
    await admin(t, "POST", `/shops/tiktok/${tiktokShop.shopId}/orders/${tOrder.json.result.id}/cancel`);
    await admin(t, "DELETE", `/shops/tiktok/${tiktokShop.shopId}/products/${k.product.id}`);
    await t.sim.ctx.dispatcher.whenIdle();
    const codes = shopee.requests.map((r) => (JSON.parse(r.body) as { code: number }).code);
    // Deliveries run concurrently, so arrival order is not fixed.
    expect(codes.sort((a, b) => a - b)).toEqual([3, 3, 4, 6]);
    const types = tiktok.requests.map((r) => JSON.parse(r.body) as { type: number; data: Record<string, unknown> });
    expect(types.map((x) => x.type)).toEqual(expect.arrayContaining([1, 5]));
    expect(types.filter((x) => x.type === 1).map((x) => x.data.order_status)).toEqual(["AWAITING_SHIPMENT", "CANCEL"]);
  });

  it("retries Shopee pushes answered with a body (even 200) and stops once the answer is empty", async () => {
    shopee.respond = (i) => (i < 2 ? { status: 200, body: "ok" } : { status: 200 });
    const s = firstProduct(shopeeShop);
    t.sim.seller.setPrice(shopeeShop, s.product.id, s.variant.id, 30);
    await t.sim.ctx.dispatcher.whenIdle();
    expect(shopee.requests).toHaveLength(3);
    const delivery = t.sim.ctx.dispatcher.list({ platform: "shopee" })[0];
    expect(delivery?.status).toBe("delivered");
    expect(delivery?.attempts.map((a) => a.ok)).toEqual([false, false, true]);
    expect(new Set(shopee.requests.map((r) => r.body)).size).toBe(1);
  });

  it("accepts TikTok 2xx answers with a body, retries non-2xx on TikTok's schedule, then gives up", async () => {
    tiktok.respond = () => ({ status: 200, body: '{"ok":true}' });
    const k = firstProduct(tiktokShop);
    t.sim.seller.setPrice(tiktokShop, k.product.id, k.variant.id, 30);
    await t.sim.ctx.dispatcher.whenIdle();
    expect(t.sim.ctx.dispatcher.list({ platform: "tiktok" })[0]?.status).toBe("delivered");

    tiktok.requests.length = 0;
    tiktok.respond = () => ({ status: 503 });
    t.sim.seller.setPrice(tiktokShop, k.product.id, k.variant.id, 31);
    await t.sim.ctx.dispatcher.whenIdle();
    // One attempt plus four retries (2 min, 30 min, 3 h, 12 h, compressed).
    expect(tiktok.requests).toHaveLength(5);
    expect(t.sim.ctx.dispatcher.list({ platform: "tiktok" })[0]?.status).toBe("failed");
  }, 60_000);

  it("offers Shopee pushes that failed for good through get_lost_push_message", async () => {
    shopee.respond = () => ({ status: 500 });
    const s = firstProduct(shopeeShop);
    t.sim.seller.setPrice(shopeeShop, s.product.id, s.variant.id, 33);
    await t.sim.ctx.dispatcher.whenIdle();
    expect(shopee.requests).toHaveLength(4);
    const lost = await shopeeCall(t, "GET", "/api/v2/push/get_lost_push_message");
    expect(lost.json.response).toMatchObject({
      has_next_page: false,
      push_message_list: [{ code: 22, shop_id: Number(shopeeShop.shopId) }],
    });
    const confirm = await shopeeCall(t, "POST", "/api/v2/push/confirm_consumed_lost_push_message", undefined, {
      body: { last_message_id: lost.json.response?.last_message_id },
    });
    expect(confirm.json.error).toBe("");
    expect((await shopeeCall(t, "GET", "/api/v2/push/get_lost_push_message")).json.response).toMatchObject({
      push_message_list: [],
    });
  }, 60_000);

  it("duplicates, drops and reorders webhooks on request", async () => {
    const k = firstProduct(tiktokShop);
    await admin(t, "PUT", `/shops/tiktok/${tiktokShop.shopId}/faults`, { webhookDuplicateRate: 1 });
    t.sim.seller.setPrice(tiktokShop, k.product.id, k.variant.id, 40);
    await t.sim.ctx.dispatcher.whenIdle();
    expect(tiktok.requests).toHaveLength(2);
    expect(tiktok.requests[0]?.body).toBe(tiktok.requests[1]?.body);

    tiktok.requests.length = 0;
    await admin(t, "PUT", `/shops/tiktok/${tiktokShop.shopId}/faults`, { webhookDuplicateRate: 0, webhookDropRate: 1 });
    t.sim.seller.setPrice(tiktokShop, k.product.id, k.variant.id, 41);
    await t.sim.ctx.dispatcher.whenIdle();
    expect(tiktok.requests).toHaveLength(0);
    expect(t.sim.ctx.dispatcher.list({ platform: "tiktok" })[0]?.status).toBe("dropped");

    await admin(t, "PUT", `/shops/tiktok/${tiktokShop.shopId}/faults`, { webhookDropRate: 0, webhookOutOfOrder: true });
    t.sim.seller.setPrice(tiktokShop, k.product.id, k.variant.id, 42);
    t.sim.seller.setPrice(tiktokShop, k.product.id, k.variant.id, 43);
    await t.sim.ctx.dispatcher.whenIdle();
    const ids = tiktok.requests.map((r) =>
      BigInt((JSON.parse(r.body) as { tts_notification_id: string }).tts_notification_id),
    );
    expect(ids).toHaveLength(2);
    expect((ids[0] ?? 0n) > (ids[1] ?? 0n)).toBe(true);

    const deliveries = await admin<{ deliveries: unknown[] }>(
      t,
      "GET",
      `/webhooks?platform=tiktok&shopId=${tiktokShop.shopId}`,
    );
    expect(deliveries.json.deliveries.length).toBeGreaterThanOrEqual(5);
  });

  it("lets the admin API change the target URL", async () => {
    const other = await startReceiver("/elsewhere");
    try {
      await admin(t, "PUT", "/webhooks/targets", { shopee: other.url });
      const s = firstProduct(shopeeShop);
      t.sim.seller.setPrice(shopeeShop, s.product.id, s.variant.id, 50);
      await t.sim.ctx.dispatcher.whenIdle();
      expect(other.requests).toHaveLength(1);
      expect(
        verifyShopeePush(
          devShopeeApp.partnerKey,
          other.url,
          other.requests[0]?.body ?? "",
          String(other.requests[0]?.headers.authorization),
        ),
      ).toBe(true);
    } finally {
      await other.close();
    }
  });
});

describe("webhook message ids", () => {
  it("never repeat across a restart with the same seed and clock, as the platforms' ids never do", async () => {
    const idsOf = async (sim: TestSim) => {
      const tShop = sim.sim.ctx.store.listShops("tiktok")[0] as Shop;
      const sShop = sim.sim.ctx.store.listShops("shopee")[0] as Shop;
      const tik = sim.sim.ctx.store.productsOf(tShop)[0]!;
      const sho = sim.sim.ctx.store.productsOf(sShop).find((p) => !p.hasModel)!;
      for (let i = 0; i < 3; i += 1) {
        await admin(sim, "PATCH", `/shops/tiktok/${tShop.shopId}/products/${tik.id}/variants/${tik.variants[0]!.id}`, {
          price: 20 + i,
        });
        await admin(
          sim,
          "PATCH",
          `/shops/shopee/${sShop.shopId}/products/${sho.id}/variants/${sho.variants[0]?.id ?? "0"}`,
          {
            price: 20 + i,
          },
        );
      }
      return sim.sim.ctx.dispatcher.list().map((delivery) => ({ platform: delivery.platform, id: delivery.messageId }));
    };
    const first = await idsOf(t);
    // A second simulator started exactly like the first: same seed, same clock reading.
    const again = await startSim({ webhookTargets: { shopee: shopee.url, tiktok: tiktok.url } });
    try {
      const second = await idsOf(again);
      const all = [...first, ...second].map((entry) => entry.id);
      expect(first.length).toBeGreaterThanOrEqual(6);
      expect(new Set(all).size).toBe(all.length);
      for (const { platform, id } of [...first, ...second]) {
        if (platform === "tiktok") expect(id).toMatch(/^\d{19}$/);
        else expect(id).toMatch(/^[0-9a-f]{32}$/);
      }
    } finally {
      await again.close();
    }
  });
});
