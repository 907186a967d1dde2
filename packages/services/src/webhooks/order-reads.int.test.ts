import type { RunningSimulator } from "@syncstore/channels/testing";
import type { Orm } from "@syncstore/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobDeps } from "../context";
import { loadShopConnection, shopSessionOf } from "../channels/shop-session";
import { defaultSyncSettings } from "../sync/settings";
import { simTraffic } from "../testing/sync";
import { connectShop, createOrganization, startWebhookHarness, type WebhookHarness } from "../testing/webhooks";
import { readOrders } from "./order-reads";

/*
 * Order-detail reads of a burst of order webhooks, against the simulator's real limits (TikTok
 * 50 requests/s per API): paced by the shared per-shop limiter and batched, so the platform never
 * answers 429 and the burst costs a few calls.
 */

let harness: WebhookHarness;
let orm: Orm;
let sim: RunningSimulator;
let deps: JobDeps;

beforeAll(async () => {
  harness = await startWebhookHarness("31", { ormPoolMax: 12 });
  ({ orm, sim, deps } = harness);
}, 60_000);

afterAll(() => harness?.close());

/** A new organization's shop on `platform` with `products` products, and a function placing one order. */
async function shopWithOrders(platform: "tiktok" | "shopee", products: number) {
  const shop = await connectShop(
    orm.em.fork(),
    sim,
    deps.channels,
    await createOrganization(orm.em.fork()),
    platform,
    products,
  );
  const product = shop.products[0]!;
  const variant = product.variants[0]!;
  const placeOrder = async () =>
    (
      await sim.admin<{ result: { id: string } }>("POST", `/shops/${platform}/${shop.shopId}/orders`, {
        lines: [{ productId: product.id, variantId: variant.id, quantity: 1 }],
      })
    ).result.id;
  const connection = await loadShopConnection(orm.em.fork(), shop.connectionId);
  const session = shopSessionOf(deps.channels.keyring, connection!);
  return { shop, product, variant, placeOrder, session, shopRef: { id: shop.connectionId, platform } };
}

describe.each(["tiktok", "shopee"] as const)("order reads on %s", (platform) => {
  it("a burst of 150 single-order reads makes no call the platform refuses, in a few batched calls", async () => {
    const { shop, product, variant, placeOrder, session, shopRef } = await shopWithOrders(platform, 3);
    await sim.admin("PATCH", `/shops/${platform}/${shop.shopId}/products/${product.id}/variants/${variant.id}`, {
      stock: 1_000,
    });
    const orderIds: string[] = [];
    for (let i = 0; i < 150; i += 1) orderIds.push(await placeOrder());
    const readDeps = { em: orm.em, channels: deps.channels, settings: defaultSyncSettings };

    // 150 jobs, each reading its own order at the same moment (as a burst of webhooks does).
    const read = await Promise.all(orderIds.map((id) => readOrders(readDeps, shopRef, session, [id])));

    expect(read.map((orders, i) => orders.get(orderIds[i]!)?.orderId)).toEqual(orderIds);
    const traffic = await simTraffic(sim, platform, shop.shopId);
    const api = platform === "tiktok" ? "order.get" : "order.get_order_detail";
    expect(traffic.rejected).toBe(0);
    // Reads that come while one waits for its slot share its call, up to 50 ids each.
    expect(traffic.byApi[api]).toBeGreaterThanOrEqual(3);
    expect(traffic.byApi[api]).toBeLessThanOrEqual(10);
  }, 60_000);

  it("reads at once when no limit is configured, returning only the orders the platform knows", async () => {
    const { placeOrder, session, shopRef } = await shopWithOrders(platform, 1);
    const orderId = await placeOrder();
    const unlimited = { ...defaultSyncSettings, rateLimits: { shopee: null, tiktok: null } };
    const orders = await readOrders({ em: orm.em, channels: deps.channels, settings: unlimited }, shopRef, session, [
      orderId,
      "no-such-order",
    ]);
    expect([...orders.keys()]).toEqual([orderId]);
  }, 30_000);
});
