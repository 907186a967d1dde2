import { closeChannelAgent, type ChannelDeps } from "@syncstore/channels";
import { startSimulator, testChannelEnv, type RunningSimulator } from "@syncstore/channels/testing";
import { createOrm, sqlRows, type Orm } from "@syncstore/db";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import { createRealtimeEmitter } from "@syncstore/realtime";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markCatalogForSync } from "../catalog/sync";
import type { JobDeps } from "../context";
import { createMailer } from "../mailer";
import {
  channelDepsFor,
  seedSyncFixture,
  simProducts,
  startTestWorker,
  waitFor,
  type SyncFixture,
  type TestWorker,
} from "../testing/sync";
import { processWebhookEvent } from "../webhooks/process";
import { reconcileConnection } from "../webhooks/reconcile";
import { deliveriesOf, lastDeliveryId, storeWebhook } from "../testing/webhooks";
import { compareWithLive } from "./compare";
import { resolveConflicts } from "./resolve";

/*
 * Conflicts end to end through the simulator: a seller edits on TikTok Shop while master changes,
 * the webhook is processed as the gateway stores it, the real sync engine pushes; one master
 * variant is listed on both a TikTok and a Shopee shop.
 */

let database: TestDatabase;
let orm: Orm;
let sim: RunningSimulator;
let channels: ChannelDeps;
let deps: JobDeps;
let realtimePool: pg.Pool;
let tiktok: SyncFixture;
let shopee: SyncFixture;
const org = "org-conflicts";
const log = pino({ level: "silent" });

beforeAll(async () => {
  [database, sim] = await Promise.all([createTestDatabase(), startSimulator("31")]);
  orm = await createOrm(database.url, { pool: { min: 0, max: 8 } });
  channels = channelDepsFor(sim, testChannelEnv);
  realtimePool = new pg.Pool({ connectionString: database.url, max: 2 });
  realtimePool.on("error", () => undefined);
  deps = {
    orm,
    realtime: createRealtimeEmitter(realtimePool),
    mailer: createMailer({ from: "SyncStore <no-reply@example.test>", logger: log }),
    logger: log,
    webUrl: "http://localhost:3000",
    channels,
  };
  tiktok = await seedSyncFixture(orm, sim, channels, {
    organizationId: org,
    platform: "tiktok",
    products: 2,
    variants: 1,
  });
  shopee = await seedSyncFixture(orm, sim, channels, {
    organizationId: org,
    platform: "shopee",
    products: 2,
    variants: 1,
  });
  // One master product per pair: the Shopee listings show the TikTok fixture's master variants.
  for (let i = 0; i < 2; i += 1) {
    const master = tiktok.products[i]!.variants[0]!;
    await sqlRows(orm.em.fork(), `update listing set variant_id = $2, product_id = $3 where id = $1`, [
      shopee.products[i]!.variants[0]!.listingId,
      master.variantId,
      tiktok.products[i]!.productId,
    ]);
  }
}, 90_000);

afterAll(async () => {
  await orm?.close(true);
  await realtimePool?.end();
  await closeChannelAgent();
  sim?.stop();
  await database?.drop();
});

const shop = (fixture: SyncFixture) => ({
  platform: fixture.platform,
  shopId: fixture.shopId,
  connectionId: fixture.connectionId,
  products: [],
  listings: new Map<string, string>(),
});

/** Stores and processes every webhook the simulator sent for a shop since `after`, as the gateway and worker do. */
async function processDeliveries(fixture: SyncFixture, after: number): Promise<void> {
  for (const delivery of await deliveriesOf(sim, shop(fixture), after)) {
    const id = await storeWebhook(orm.em.fork(), shop(fixture), org, delivery);
    await processWebhookEvent(deps, id, 1, log);
  }
}

async function conflicts(status = "open") {
  return sqlRows<{
    id: string;
    listing_id: string;
    field_group: string;
    resolution: string | null;
    channel: { title?: string; price?: number };
  }>(
    orm.em.fork(),
    `select id::text, listing_id::text, field_group, resolution, channel from conflict where organization_id = $1 and status = $2 order by detected_at`,
    [org, status],
  );
}

async function setMaster(
  productId: string,
  variantId: string,
  change: { title?: string; price?: number; onHand?: number },
) {
  await orm.em.fork().transactional(async (tx) => {
    if (change.title !== undefined)
      await sqlRows(tx, `update product set title = $2, version = version + 1 where id = $1`, [
        productId,
        change.title,
      ]);
    if (change.price !== undefined)
      await sqlRows(tx, `update variant set price = $2, version = version + 1 where id = $1`, [
        variantId,
        change.price,
      ]);
    if (change.onHand !== undefined)
      await sqlRows(tx, `update stock_level set on_hand = $2 where variant_id = $1`, [variantId, change.onHand]);
    await markCatalogForSync(tx, org, { productIds: [productId], variantIds: [variantId] });
  });
}

async function simProduct(fixture: SyncFixture, externalProductId: string) {
  const product = (await simProducts(sim, fixture.platform, fixture.shopId)).find((p) => p.id === externalProductId);
  if (!product) throw new Error(`no product ${externalProductId}`);
  return product;
}

async function settled(): Promise<void> {
  await waitFor("every listing pushed", async () => {
    const rows = await sqlRows<{ n: number }>(
      orm.em.fork(),
      `select count(*)::int as n from listing where organization_id = $1 and sync_state in ('pending', 'syncing')`,
      [org],
    );
    return rows[0]?.n === 0 ? true : undefined;
  });
}

describe("conflicts through the simulator", () => {
  let worker: TestWorker | undefined;

  it("a TikTok seller edit while master's title changes opens exactly one conflict; price and stock keep syncing; use channel adopts it and pushes it to Shopee", async () => {
    const pair = tiktok.products[0]!;
    const master = pair.variants[0]!;
    const shopeeProductId = shopee.products[0]!.externalProductId;
    const after = await lastDeliveryId(sim);
    await setMaster(pair.productId, master.variantId, { title: "Master title", price: 1250, onHand: 9 });
    await sim.admin("PATCH", `/shops/tiktok/${tiktok.shopId}/products/${pair.externalProductId}`, {
      title: "Seller title",
    });
    await processDeliveries(tiktok, after);

    const open = await conflicts();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      listing_id: master.listingId,
      field_group: "content",
      channel: { title: "Seller title" },
    });

    worker = await startTestWorker(orm, database.url, channels, { concurrency: 2 });
    await settled();
    const onTikTok = await simProduct(tiktok, pair.externalProductId);
    expect(onTikTok.title).toBe("Seller title");
    expect(onTikTok.variants[0]?.price).toBe(12.5);
    expect(onTikTok.variants[0]?.stock.reduce((sum, l) => sum + l.stock, 0)).toBe(9);
    // Shopee had no edit: master goes there as usual.
    const onShopee = await simProduct(shopee, shopeeProductId);
    expect(onShopee.title).toBe("Master title");
    expect(await conflicts()).toHaveLength(1);

    const audited = await orm.em
      .fork()
      .transactional((tx) =>
        resolveConflicts(tx, { organizationId: org, conflictIds: [open[0]!.id], strategy: "channel", actorId: null }),
      );
    expect(audited.resolved).toEqual([open[0]!.id]);
    await settled();
    expect((await simProduct(shopee, shopeeProductId)).title).toBe("Seller title");
    expect((await simProduct(tiktok, pair.externalProductId)).title).toBe("Seller title");
    const [product] = await sqlRows<{ title: string }>(orm.em.fork(), `select title from product where id = $1`, [
      pair.productId,
    ]);
    expect(product?.title).toBe("Seller title");
    const [row] = await sqlRows<{ action: string }>(
      orm.em.fork(),
      `select action from audit_log where organization_id = $1 and entity = 'conflict' and entity_id = $2`,
      [org, open[0]!.id],
    );
    expect(row?.action).toBe("conflict.resolve_channel");
    await worker.stop();
    worker = undefined;
  });

  it("use master pushes master to TikTok Shop, and our own push never opens a conflict", async () => {
    const pair = tiktok.products[1]!;
    const master = pair.variants[0]!;
    const after = await lastDeliveryId(sim);
    await setMaster(pair.productId, master.variantId, { title: "Master wins" });
    await sim.admin("PATCH", `/shops/tiktok/${tiktok.shopId}/products/${pair.externalProductId}`, {
      title: "Seller loses",
    });
    await processDeliveries(tiktok, after);
    const open = await conflicts();
    expect(open).toHaveLength(1);

    const afterResolve = await lastDeliveryId(sim);
    await orm.em
      .fork()
      .transactional((tx) =>
        resolveConflicts(tx, { organizationId: org, conflictIds: [open[0]!.id], strategy: "master", actorId: null }),
      );
    worker = await startTestWorker(orm, database.url, channels, { concurrency: 2 });
    await settled();
    expect((await simProduct(tiktok, pair.externalProductId)).title).toBe("Master wins");
    // TikTok announces our partial edit (OPEN_API); processing it and reconciling both shops finds no edit.
    const echoes = await deliveriesOf(sim, shop(tiktok), afterResolve);
    expect(echoes.some((d) => d.body.includes("OPEN_API"))).toBe(true);
    await processDeliveries(tiktok, afterResolve);
    await reconcileConnection(deps, tiktok.connectionId, log);
    await reconcileConnection(deps, shopee.connectionId, log);
    expect(await conflicts()).toHaveLength(0);
    await worker.stop();
    worker = undefined;
  });

  it("a Shopee-side price edit found by reconciliation follows the price policy (adopt into master)", async () => {
    await sqlRows(
      orm.em.fork(),
      `insert into conflict_policy (id, organization_id, connection_id, field_group, policy) values (gen_random_uuid(), $1, null, 'price', 'adopt')`,
      [org],
    );
    const pair = shopee.products[1]!;
    const listingId = pair.variants[0]!.listingId;
    const masterVariant = tiktok.products[1]!.variants[0]!;
    const onShopee = await simProduct(shopee, pair.externalProductId);
    await sim.admin("PATCH", `/shops/shopee/${shopee.shopId}/products/${pair.externalProductId}`, { price: 17.9 });
    expect(onShopee.variants[0]).toBeDefined();
    const result = await reconcileConnection(deps, shopee.connectionId, log, new Date(Date.now() + 1_000));
    expect(result.status).toBe("succeeded");

    const [variant] = await sqlRows<{ price: number }>(
      orm.em.fork(),
      `select price::int as price from variant where id = $1`,
      [masterVariant.variantId],
    );
    expect(variant?.price).toBe(1790);
    const recorded = await conflicts("resolved");
    expect(recorded.some((c) => c.listing_id === listingId && c.resolution === "adopted")).toBe(true);
    expect(await conflicts()).toHaveLength(0);
    worker = await startTestWorker(orm, database.url, channels, { concurrency: 2 });
    await settled();
    // Adopted into master, it flows to TikTok Shop.
    expect((await simProduct(tiktok, tiktok.products[1]!.externalProductId)).variants[0]?.price).toBe(17.9);
    await worker.stop();
    worker = undefined;
  });

  it("with the default policy a Shopee price edit opens a conflict and the price stays paused for that listing", async () => {
    await sqlRows(orm.em.fork(), `delete from conflict_policy where organization_id = $1`, [org]);
    const pair = shopee.products[0]!;
    await sim.admin("PATCH", `/shops/shopee/${shopee.shopId}/products/${pair.externalProductId}`, { price: 22 });
    await reconcileConnection(deps, shopee.connectionId, log, new Date(Date.now() + 2_000));
    const open = await conflicts();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ field_group: "price", channel: { price: 2200 } });
    const [alert] = await sqlRows<{ count: number }>(
      orm.em.fork(),
      `select count from alert where organization_id = $1 and kind = 'conflict.opened' and dedupe_key = $2`,
      [org, `conflict.opened:${shopee.connectionId}`],
    );
    expect(alert?.count).toBeGreaterThanOrEqual(1);
    // Master price changes: TikTok gets it, the conflicted Shopee listing keeps the seller's price.
    await setMaster(tiktok.products[0]!.productId, tiktok.products[0]!.variants[0]!.variantId, { price: 1500 });
    worker = await startTestWorker(orm, database.url, channels, { concurrency: 2 });
    await settled();
    expect((await simProduct(tiktok, tiktok.products[0]!.externalProductId)).variants[0]?.price).toBe(15);
    expect((await simProduct(shopee, pair.externalProductId)).variants[0]?.price).toBe(22);
    // A manual merge goes into master and reaches both shops.
    await orm.em.fork().transactional((tx) =>
      resolveConflicts(tx, {
        organizationId: org,
        conflictIds: [open[0]!.id],
        strategy: "manual",
        value: { price: 1990 },
        actorId: null,
      }),
    );
    await settled();
    expect((await simProduct(shopee, pair.externalProductId)).variants[0]?.price).toBe(19.9);
    expect((await simProduct(tiktok, tiktok.products[0]!.externalProductId)).variants[0]?.price).toBe(19.9);
    await worker.stop();
    worker = undefined;
  });

  it("a title edit of a product with several variants opens one conflict for the product, not one per variant", async () => {
    const multi = await seedSyncFixture(orm, sim, channels, {
      organizationId: org,
      platform: "tiktok",
      products: 1,
      variants: 3,
      name: "tiktok multi",
    });
    const product = multi.products[0]!;
    const after = await lastDeliveryId(sim);
    await setMaster(product.productId, product.variants[0]!.variantId, { title: "Master multi", price: 1111 });
    await sim.admin("PATCH", `/shops/tiktok/${multi.shopId}/products/${product.externalProductId}`, {
      title: "Seller multi",
    });
    await processDeliveries(multi, after);
    const open = await conflicts();
    expect(open).toHaveLength(1);
    worker = await startTestWorker(orm, database.url, channels, { concurrency: 2 });
    await settled();
    const live = await simProduct(multi, product.externalProductId);
    expect(live.title).toBe("Seller multi");
    expect(live.variants.find((v) => v.id === product.variants[0]!.externalVariantId)?.price).toBe(11.11);
    await orm.em
      .fork()
      .transactional((tx) =>
        resolveConflicts(tx, { organizationId: org, conflictIds: [open[0]!.id], strategy: "master", actorId: null }),
      );
    await settled();
    expect((await simProduct(multi, product.externalProductId)).title).toBe("Master multi");
    expect(await conflicts()).toHaveLength(0);
    await worker.stop();
    worker = undefined;
  });

  it("the compare-with-live pass finds a Shopee title edit that no webhook announced", async () => {
    const pair = shopee.products[1]!;
    await sim.admin("PATCH", `/shops/shopee/${shopee.shopId}/products/${pair.externalProductId}`, {
      title: "Edited on Shopee",
    });
    const summary = await compareWithLive(deps, shopee.connectionId, log);
    expect(summary.products).toBe(2);
    expect(summary.opened).toBe(1);
    const open = await conflicts();
    expect(open).toMatchObject([{ field_group: "content", channel: { title: "Edited on Shopee" } }]);
    // A second pass finds the same conflict, not a new one.
    expect((await compareWithLive(deps, shopee.connectionId, log)).opened).toBe(0);
    await orm.em
      .fork()
      .transactional((tx) =>
        resolveConflicts(tx, { organizationId: org, conflictIds: [open[0]!.id], strategy: "master", actorId: null }),
      );
  });
});
