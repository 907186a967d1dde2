import { closeChannelAgent } from "@syncstore/channels";
import { startSimulator, type RunningSimulator } from "@syncstore/channels/testing";
import { createOrm, readStockLevels, sqlRows, type Orm } from "@syncstore/db";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import { startTestWorker, type TestWorker } from "@syncstore/services/testing";
import {
  channelDepsFor,
  connectShop,
  createOrganization,
  type ConnectedShop,
} from "@syncstore/services/testing/webhooks";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhookGateway, testPool, waitFor, type TestGateway } from "./webhook-helpers";

/*
 * The oversell guarantee end to end, through the real signed path: both simulated shops sell the
 * same 100 units at the same moment; every order reaches SyncStore only as the simulator's signed
 * webhook POSTed to the gateway over HTTP (verified, stored, enqueued), and a real graphile-worker
 * runner with 8 concurrent jobs processes them and pushes the result back to both shops.
 */

let database: TestDatabase;
let pool: pg.Pool;
let orm: Orm;
let sim: RunningSimulator;
let gateway: TestGateway;
let worker: TestWorker;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  pool = testPool(database.url, 12);
  orm = await createOrm(database.url, { pool: { min: 0, max: 12 } });
  sim = await startSimulator("61", { SIM_WEBHOOK_TIME_SCALE: "0.001" });
  cleanups.push(async () => sim.stop());
  gateway = await startWebhookGateway(pool);
  cleanups.push(() => gateway.close());
  await sim.admin("PUT", "/webhooks/targets", { shopee: gateway.shopeeUrl, tiktok: gateway.tiktokUrl });
}, 60_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await closeChannelAgent();
  await orm?.close(true);
  await pool?.end();
  await database?.drop();
});

async function simStock(shop: ConnectedShop, productId: string): Promise<number> {
  const detail = await sim.admin<{ products: { id: string; variants: { stock: { stock: number }[] }[] }[] }>(
    "GET",
    `/shops/${shop.platform}/${shop.shopId}`,
  );
  const product = detail.products.find((p) => p.id === productId);
  return product?.variants[0]?.stock.reduce((sum, s) => sum + s.stock, 0) ?? -1;
}

async function placeOrders(shop: ConnectedShop, productId: string, count: number): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, () =>
      sim.admin("POST", `/shops/${shop.platform}/${shop.shopId}/orders`, { lines: [{ productId, quantity: 1 }] }),
    ),
  );
}

describe("two shops selling the last units at once, through the signed gateway", () => {
  it("100 + 100 orders for 100 units: 200 lines, 100 committed, 100 oversold, never negative, one critical alert, both shops at 0", async () => {
    const channels = channelDepsFor(sim);
    const em = () => orm.em.fork();
    const organizationId = await createOrganization(em(), "Gateway Oversell Co");
    const shopee = await connectShop(em(), sim, channels, organizationId, "shopee", 1);
    const tiktok = await connectShop(em(), sim, channels, organizationId, "tiktok", 1);
    const shopeeProduct = shopee.products[0]!;
    const tiktokProduct = tiktok.products[0]!;
    // One master variant behind both listings, 100 on hand, both shops offering 100.
    const [row] = await sqlRows<{ variant_id: string }>(em(), `select variant_id::text from listing where id = $1`, [
      shopee.listings.get(`${shopeeProduct.id}:${shopeeProduct.variants[0]!.id}`),
    ]);
    const variantId = row!.variant_id;
    await sqlRows(
      em(),
      `update listing set variant_id = $2, last_synced = jsonb_set(last_synced, '{stock}', '100'::jsonb)
        where connection_id = any($1::uuid[])`,
      [[shopee.connectionId, tiktok.connectionId], variantId],
    );
    await sqlRows(em(), `update stock_level set on_hand = 100 where variant_id = $1`, [variantId]);
    for (const [shop, product] of [
      [shopee, shopeeProduct],
      [tiktok, tiktokProduct],
    ] as const)
      await sim.admin(
        "PATCH",
        `/shops/${shop.platform}/${shop.shopId}/products/${product.id}/variants/${product.variants[0]!.id}`,
        { stock: 100 },
      );

    // Both shops sell all 100 units at the same moment; the gateway stores every signed event. The
    // worker starts afterwards, so no push of 0 (after the oversell) reaches a shop while its own
    // customers are still buying: the simulated shop would refuse those orders, as a platform does.
    await Promise.all([placeOrders(shopee, shopeeProduct.id, 100), placeOrders(tiktok, tiktokProduct.id, 100)]);
    worker = await startTestWorker(orm, database.url, channels, { concurrency: 8 });
    cleanups.push(() => worker.stop());

    // Every order arrived through the gateway and was applied.
    await waitFor(
      async () => {
        const [lines] = await sqlRows<{ n: number }>(
          em(),
          `select count(*)::int as n from channel_order_line where variant_id = $1 and effect <> 'none'`,
          [variantId],
        );
        return lines?.n === 200;
      },
      "200 order lines applied",
      180_000,
    );
    // Only the gateway wrote webhook rows here: each one passed its signature check.
    const [stored] = await sqlRows<{ events: number }>(
      em(),
      `select count(*)::int as events from webhook_event where organization_id = $1 and event_type like 'order%'`,
      [organizationId],
    );
    expect(stored!.events).toBeGreaterThanOrEqual(200);

    const [lines] = await sqlRows<{ lines: number; units: number; committed: number; oversold: number }>(
      em(),
      `select count(*)::int as lines, sum(quantity)::int as units, sum(committed_quantity)::int as committed,
              sum(oversold_quantity)::int as oversold
         from channel_order_line where variant_id = $1`,
      [variantId],
    );
    expect(lines).toEqual({ lines: 200, units: 200, committed: 100, oversold: 100 });
    expect((await readStockLevels(em(), organizationId, [variantId]))[0]).toMatchObject({
      onHand: 100,
      committed: 100,
      available: 0,
    });
    const [ledger] = await sqlRows<{ committed: number; min_on_hand: number | null; repeated: number }>(
      em(),
      `select coalesce(sum(delta) filter (where bucket = 'committed'), 0)::int as committed,
              min(after) filter (where bucket = 'on_hand')::int as min_on_hand,
              (select count(*)::int from (select source_ref from inventory_movement
                                           where variant_id = $1 and reason = 'order_committed'
                                           group by source_ref having count(*) > 1) r) as repeated
         from inventory_movement where variant_id = $1`,
      [variantId],
    );
    // Each line's commit applied once; on hand never moved below zero (it never moved at all).
    expect(ledger).toMatchObject({ committed: 100, repeated: 0 });
    expect(ledger!.min_on_hand ?? 100).toBeGreaterThanOrEqual(0);
    const alerts = await sqlRows<{ severity: string; count: number }>(
      em(),
      `select severity, count from alert where organization_id = $1 and kind = 'stock.oversold'`,
      [organizationId],
    );
    expect(alerts).toEqual([{ severity: "critical", count: 100 }]);

    // The worker pushes 0 to both shops.
    await waitFor(
      async () => (await simStock(shopee, shopeeProduct.id)) === 0 && (await simStock(tiktok, tiktokProduct.id)) === 0,
      "both shops to show 0",
      120_000,
    );
  }, 420_000);
});
