import type { RunningSimulator } from "@syncstore/channels/testing";
import { readStockLevels, sqlRows, type Orm } from "@syncstore/db";
import { Logger, runOnce } from "graphile-worker";
import type pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobDeps } from "../context";
import { createTaskList } from "../tasks";
import { processWebhookEvent } from "../webhooks/process";
import { reconcileConnection } from "../webhooks/reconcile";
import {
  connectShop,
  createOrganization,
  deliveriesOf,
  storeWebhook,
  startWebhookHarness,
  type ConnectedShop,
  type SimDelivery,
  type WebhookHarness,
} from "../testing/webhooks";

/*
 * Orders of both simulated marketplaces moving one stock truth: exactly-once effects whatever the
 * delivery order, oversell under concurrent orders from both shops, reconciliation of dropped
 * webhooks, and the per-shop watermark that holds stale pushes.
 */

let orm: Orm;
let pool: pg.Pool;
let sim: RunningSimulator;
let deps: JobDeps;
let organizationId: string;
const log = pino({ level: "silent" });

let harness: WebhookHarness;

beforeAll(async () => {
  harness = await startWebhookHarness("31", { ormPoolMax: 12 });
  ({ orm, pool, sim, deps } = harness);
}, 60_000);

afterAll(() => harness?.close());

const em = () => orm.em.fork();

interface Pair {
  shopee: ConnectedShop;
  tiktok: ConnectedShop;
  variantId: string;
  shopeeProduct: string;
  tiktokProduct: string;
}

/**
 * One master variant sold on both shops: a Shopee item and a TikTok product (one SKU each),
 * both listings linked to the same variant, master and both shops at `stock`.
 */
async function sharedVariant(stock: number): Promise<Pair> {
  organizationId = await createOrganization(em(), "Orders Co");
  const shopee = await connectShop(em(), sim, deps.channels, organizationId, "shopee", 1);
  const tiktok = await connectShop(em(), sim, deps.channels, organizationId, "tiktok", 1);
  const shopeeProduct = shopee.products[0]!;
  const tiktokProduct = tiktok.products[0]!;
  const shopeeListing = shopee.listings.get(`${shopeeProduct.id}:${shopeeProduct.variants[0]!.id}`)!;
  const tiktokListing = tiktok.listings.get(`${tiktokProduct.id}:${tiktokProduct.variants[0]!.id}`)!;
  const [row] = await sqlRows<{ variant_id: string }>(em(), `select variant_id::text from listing where id = $1`, [
    shopeeListing,
  ]);
  const variantId = row!.variant_id;
  await sqlRows(
    em(),
    `update listing set variant_id = $2, last_synced = jsonb_set(last_synced, '{stock}', to_jsonb($3::int)) where id = any($1::uuid[])`,
    [[shopeeListing, tiktokListing], variantId, stock],
  );
  await sqlRows(em(), `update stock_level set on_hand = $2 where variant_id = $1`, [variantId, stock]);
  for (const [shop, product] of [
    [shopee, shopeeProduct],
    [tiktok, tiktokProduct],
  ] as const) {
    await sim.admin(
      "PATCH",
      `/shops/${shop.platform}/${shop.shopId}/products/${product.id}/variants/${product.variants[0]!.id}`,
      {
        stock,
      },
    );
  }
  return { shopee, tiktok, variantId, shopeeProduct: shopeeProduct.id, tiktokProduct: tiktokProduct.id };
}

async function placeOrders(shop: ConnectedShop, productId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const placed = await sim.admin<{ result: { id: string } }>(
      "POST",
      `/shops/${shop.platform}/${shop.shopId}/orders`,
      {
        lines: [{ productId, quantity: 1 }],
      },
    );
    ids.push(placed.result.id);
  }
  return ids;
}

async function store(shop: ConnectedShop, deliveries: SimDelivery[]): Promise<string[]> {
  const ids: string[] = [];
  // The gateway stores an event under its parsed kind ("order.paid"), which the watermark reads.
  for (const delivery of deliveries)
    ids.push(
      await storeWebhook(em(), shop, organizationId, {
        ...delivery,
        kind: delivery.kind === "order_status" ? "order.updated" : delivery.kind,
      }),
    );
  return ids;
}

/** Processes stored events `concurrency` at a time, as several workers would. */
async function processConcurrently(ids: string[], concurrency: number): Promise<void> {
  const queue = [...ids];
  const lane = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      // A rate limit (TikTok allows 50 calls a second) or a deadlock is retried by graphile-worker;
      // here, by the lane, after a pause.
      for (let attempt = 1; ; attempt += 1) {
        const outcome = await processWebhookEvent(deps, id, attempt, log).catch((error: unknown) => {
          if (attempt >= 20) throw error;
          return "retry" as const;
        });
        if (outcome === "processed" || outcome === "duplicate") break;
        if (attempt >= 20) throw new Error(`event ${id} ended ${outcome}`);
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

const stockOf = async (variantId: string) => (await readStockLevels(em(), organizationId, [variantId]))[0];

async function simStock(shop: ConnectedShop, productId: string): Promise<number> {
  const detail = await sim.admin<{ products: { id: string; variants: { stock: { stock: number }[] }[] }[] }>(
    "GET",
    `/shops/${shop.platform}/${shop.shopId}`,
  );
  const product = detail.products.find((p) => p.id === productId);
  return product?.variants[0]?.stock.reduce((sum, s) => sum + s.stock, 0) ?? -1;
}

async function runQueue(): Promise<void> {
  await runOnce({ pgPool: pool, taskList: createTaskList(deps), logger: new Logger(() => () => {}) });
}

describe("orders from both marketplaces", () => {
  it("applies events delivered three times and out of order (shipped before created) once: one commit, one shipment", async () => {
    const pair = await sharedVariant(10);
    const before = (await deliveriesOf(sim, pair.tiktok)).at(-1)?.id ?? 0;
    const [orderId] = await placeOrders(pair.tiktok, pair.tiktokProduct, 1);
    const created = await deliveriesOf(sim, pair.tiktok, before);
    await sim.admin("POST", `/shops/tiktok/${pair.tiktok.shopId}/orders/${orderId}/ship`);
    const all = await deliveriesOf(sim, pair.tiktok, before);
    const shipped = all.filter((d) => !created.some((c) => c.id === d.id));
    const orderEvents = (list: SimDelivery[]) => list.filter((d) => d.kind === "order_status");
    // Shipped first, then created; each three times.
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push(...(await store(pair.tiktok, orderEvents(shipped))));
    for (let i = 0; i < 3; i += 1) ids.push(...(await store(pair.tiktok, orderEvents(created))));
    await processConcurrently(ids, 1);
    const movements = await sqlRows<{ reason: string; bucket: string; delta: number }>(
      em(),
      `select m.reason, m.bucket, m.delta from inventory_movement m join channel_order o on o.id = m.order_id
        where o.external_order_id = $1 order by m.at, m.bucket`,
      [orderId],
    );
    expect(movements).toEqual([
      { reason: "order_committed", bucket: "committed", delta: 1 },
      { reason: "order_shipped", bucket: "committed", delta: -1 },
      { reason: "order_shipped", bucket: "on_hand", delta: -1 },
    ]);
    expect(await stockOf(pair.variantId)).toMatchObject({ onHand: 9, committed: 0, available: 9 });
    const [line] = await sqlRows<{ effect: string; committed_quantity: number; oversold_quantity: number }>(
      em(),
      `select l.effect, l.committed_quantity, l.oversold_quantity from channel_order_line l
         join channel_order o on o.id = l.order_id where o.external_order_id = $1`,
      [orderId],
    );
    expect(line).toEqual({ effect: "shipped", committed_quantity: 0, oversold_quantity: 0 });
  }, 60_000);

  it("100 + 100 concurrent orders for 100 units: 100 committed, 100 oversold, on hand never negative, one critical alert, both shops at 0", async () => {
    const pair = await sharedVariant(100);
    const shopeeBefore = (await deliveriesOf(sim, pair.shopee)).at(-1)?.id ?? 0;
    const tiktokBefore = (await deliveriesOf(sim, pair.tiktok)).at(-1)?.id ?? 0;
    await Promise.all([
      placeOrders(pair.shopee, pair.shopeeProduct, 100),
      placeOrders(pair.tiktok, pair.tiktokProduct, 100),
    ]);
    const shopeeIds = await store(pair.shopee, await deliveriesOf(sim, pair.shopee, shopeeBefore));
    const tiktokIds = await store(pair.tiktok, await deliveriesOf(sim, pair.tiktok, tiktokBefore));
    // Interleave the two shops' events and process them with 8 concurrent workers.
    const longest = Math.max(shopeeIds.length, tiktokIds.length);
    const ids = Array.from({ length: longest }, (_, i) => [shopeeIds[i], tiktokIds[i]])
      .flat()
      .filter((id): id is string => !!id);
    await processConcurrently(ids, 8);

    const [lines] = await sqlRows<{ lines: number; units: number; committed: number; oversold: number }>(
      em(),
      `select count(*)::int as lines, sum(quantity)::int as units, sum(committed_quantity)::int as committed,
              sum(oversold_quantity)::int as oversold
         from channel_order_line where variant_id = $1`,
      [pair.variantId],
    );
    expect(lines).toEqual({ lines: 200, units: 200, committed: 100, oversold: 100 });
    expect(await stockOf(pair.variantId)).toMatchObject({ onHand: 100, committed: 100, available: 0 });
    const [ledger] = await sqlRows<{ committed: number; min_after: number }>(
      em(),
      `select coalesce(sum(delta) filter (where bucket = 'committed'), 0)::int as committed,
              coalesce(min(after) filter (where bucket = 'on_hand'), 0)::int as min_after
         from inventory_movement where variant_id = $1 and reason = 'order_committed'`,
      [pair.variantId],
    );
    // Each line's effect applied once: the ledger commits exactly the 100 units held.
    expect(ledger?.committed).toBe(100);
    const alerts = await sqlRows<{ severity: string; count: number }>(
      em(),
      `select severity, count from alert where organization_id = $1 and kind = 'stock.oversold'`,
      [organizationId],
    );
    expect(alerts).toEqual([{ severity: "critical", count: 100 }]);
    // Every listing of the variant is pushed 0.
    await runQueue();
    expect(await simStock(pair.shopee, pair.shopeeProduct)).toBe(0);
    expect(await simStock(pair.tiktok, pair.tiktokProduct)).toBe(0);
  }, 240_000);

  it("applies orders whose webhooks were dropped through the reconciliation pull, and both shops converge", async () => {
    const pair = await sharedVariant(20);
    for (const shop of [pair.shopee, pair.tiktok])
      await sim.admin("PUT", `/shops/${shop.platform}/${shop.shopId}/faults`, { webhookDropRate: 1 });
    await placeOrders(pair.shopee, pair.shopeeProduct, 3);
    await placeOrders(pair.tiktok, pair.tiktokProduct, 2);
    for (const shop of [pair.shopee, pair.tiktok])
      await sim.admin("DELETE", `/shops/${shop.platform}/${shop.shopId}/faults`);
    expect(await stockOf(pair.variantId)).toMatchObject({ onHand: 20, committed: 0 });
    for (const shop of [pair.shopee, pair.tiktok]) {
      const result = await reconcileConnection(deps, shop.connectionId, log);
      expect(result.status).toBe("succeeded");
    }
    expect(await stockOf(pair.variantId)).toMatchObject({ onHand: 20, committed: 5, available: 15 });
    await runQueue();
    // Each shop offers our allocation: 15 available, its own orders already taken out.
    expect(await simStock(pair.shopee, pair.shopeeProduct)).toBe(15);
    expect(await simStock(pair.tiktok, pair.tiktokProduct)).toBe(15);
  }, 120_000);

  it("imports a newly connected shop's open orders of any age (Shopee 15-day windows, TikTok by status), not closed ones", async () => {
    const pair = await sharedVariant(30);
    for (const shop of [pair.shopee, pair.tiktok])
      await sim.admin("PUT", `/shops/${shop.platform}/${shop.shopId}/faults`, { webhookDropRate: 1 });
    const place = async (shop: ConnectedShop, productId: string, quantity: number, daysAgo: number, paid = true) =>
      (
        await sim.admin<{ result: { id: string } }>("POST", `/shops/${shop.platform}/${shop.shopId}/orders`, {
          lines: [{ productId, quantity }],
          daysAgo,
          paid,
        })
      ).result.id;
    // Open orders older than a day: 3 days, 20 days (beyond one 15-day Shopee window), unpaid on TikTok.
    await place(pair.shopee, pair.shopeeProduct, 2, 3);
    await place(pair.shopee, pair.shopeeProduct, 3, 20);
    await place(pair.tiktok, pair.tiktokProduct, 4, 5, false);
    await place(pair.tiktok, pair.tiktokProduct, 1, 40);
    // A closed one (cancelled before shipment) holds nothing and is not imported as open.
    const cancelled = await place(pair.tiktok, pair.tiktokProduct, 5, 2);
    await sim.admin("POST", `/shops/tiktok/${pair.tiktok.shopId}/orders/${cancelled}/cancel`, {});
    for (const shop of [pair.shopee, pair.tiktok])
      await sim.admin("DELETE", `/shops/${shop.platform}/${shop.shopId}/faults`);

    for (const shop of [pair.shopee, pair.tiktok]) {
      const result = await reconcileConnection(deps, shop.connectionId, log);
      expect(result.status).toBe("succeeded");
    }
    expect(await stockOf(pair.variantId)).toMatchObject({ onHand: 30, committed: 10, available: 20 });
    const stored = await sqlRows<{ n: number }>(
      em(),
      `select count(*)::int as n from channel_order_line l join channel_order o on o.id = l.order_id
        where o.connection_id = any($1::uuid[]) and l.effect = 'committed'`,
      [[pair.shopee.connectionId, pair.tiktok.connectionId]],
    );
    expect(stored[0]?.n).toBe(4);
    // A later pass reads only updates since the last one: nothing is applied twice.
    for (const shop of [pair.shopee, pair.tiktok])
      expect((await reconcileConnection(deps, shop.connectionId, log)).status).toBe("succeeded");
    expect(await stockOf(pair.variantId)).toMatchObject({ onHand: 30, committed: 10 });
  }, 120_000);

  it("holds a push computed while an order event of that shop is unprocessed, then sends the new number", async () => {
    const pair = await sharedVariant(10);
    const before = (await deliveriesOf(sim, pair.shopee)).at(-1)?.id ?? 0;
    await placeOrders(pair.shopee, pair.shopeeProduct, 4);
    // The order events are received (stored) but not yet applied; a stock change queues a push.
    const ids = await store(pair.shopee, await deliveriesOf(sim, pair.shopee, before));
    await changeStockAndQueuePush(pair, 11);
    const pushesBefore = await stockPushes(pair.shopee);
    await runQueue();
    // Nothing was sent to that shop: 11 would re-open the 4 units it just sold.
    expect(await stockPushes(pair.shopee)).toBe(pushesBefore);
    expect(await simStock(pair.shopee, pair.shopeeProduct)).toBe(6);
    await processConcurrently(ids, 1);
    await runHeldPushesNow();
    expect(await stockOf(pair.variantId)).toMatchObject({ onHand: 11, committed: 4, available: 7 });
    expect(await simStock(pair.shopee, pair.shopeeProduct)).toBe(7);
  }, 120_000);

  it("holds a push only for the order events received before it was held, so a stream of orders cannot starve it", async () => {
    const pair = await sharedVariant(10);
    let seen = (await deliveriesOf(sim, pair.shopee)).at(-1)?.id ?? 0;
    const storeNew = async () => {
      const deliveries = await deliveriesOf(sim, pair.shopee, seen);
      seen = deliveries.at(-1)?.id ?? seen;
      return store(pair.shopee, deliveries);
    };
    await placeOrders(pair.shopee, pair.shopeeProduct, 4);
    const early = await storeNew();
    await changeStockAndQueuePush(pair, 11);
    const pushesBefore = await stockPushes(pair.shopee);
    await runQueue();
    // Held: the 4 units sold are not applied yet. The shop remembers since when its pushes wait.
    expect(await stockPushes(pair.shopee)).toBe(pushesBefore);
    const heldSince = async () =>
      (
        await sqlRows<{ held: string | null }>(
          em(),
          `select stock_push_held_since::text as held from channel_connection where id = $1`,
          [pair.shopee.connectionId],
        )
      )[0]?.held ?? null;
    expect(await heldSince()).not.toBeNull();

    // Another order arrives while the push is held, and stays unprocessed for now.
    await placeOrders(pair.shopee, pair.shopeeProduct, 1);
    const late = await storeNew();
    expect(late.length).toBeGreaterThan(0);
    await processConcurrently(early, 1);
    await runHeldPushesNow();
    // The push went out with every order known when it was held applied (11 − 4), although the
    // later order is still unprocessed: waiting for a quiet moment would starve it in a stream.
    expect(await stockPushes(pair.shopee)).toBeGreaterThan(pushesBefore);
    expect(await stockOf(pair.variantId)).toMatchObject({ onHand: 11, committed: 4, available: 7 });
    expect(await heldSince()).toBeNull();
    // Applying the later order queues its own push: the shop ends at the true number.
    await processConcurrently(late, 1);
    await runHeldPushesNow();
    expect(await stockOf(pair.variantId)).toMatchObject({ onHand: 11, committed: 5, available: 6 });
    expect(await simStock(pair.shopee, pair.shopeeProduct)).toBe(6);
  }, 120_000);
});

/** Sets master on hand behind the writer's back and queues the Shopee listing's push, as a stock change does. */
async function changeStockAndQueuePush(pair: Pair, onHand: number): Promise<void> {
  await sqlRows(em(), `update stock_level set on_hand = $2 where variant_id = $1`, [pair.variantId, onHand]);
  await sqlRows(
    em(),
    `select graphile_worker.add_job('sync-listing', json_build_object('listingId', id::text), job_key => 'sync-listing:' || id)
       from listing where variant_id = $1 and connection_id = $2`,
    [pair.variantId, pair.shopee.connectionId],
  );
  await sqlRows(
    em(),
    `update listing set sync_state = 'pending', desired_version = desired_version + 1 where variant_id = $1`,
    [pair.variantId],
  );
}

/** Runs the held sync jobs now instead of at their recheck time. */
async function runHeldPushesNow(): Promise<void> {
  await sqlRows(
    em(),
    `update graphile_worker._private_jobs set run_at = now() where task_id in (select id from graphile_worker._private_tasks where identifier = 'sync-listing')`,
  );
  await runQueue();
}

async function stockPushes(shop: ConnectedShop): Promise<number> {
  const stats = await sim.admin<{ seconds: { byApi: Record<string, number> }[] }>(
    "GET",
    `/shops/${shop.platform}/${shop.shopId}/requests`,
  );
  return stats.seconds.reduce((sum, second) => sum + (second.byApi["product.update_stock"] ?? 0), 0);
}
