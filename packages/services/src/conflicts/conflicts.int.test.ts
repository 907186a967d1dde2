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
import { upsertImportedPage } from "../listings/import";
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

async function settled(organizationId = org): Promise<void> {
  await waitFor("every listing pushed", async () => {
    const rows = await sqlRows<{ n: number }>(
      orm.em.fork(),
      `select count(*)::int as n from listing where organization_id = $1 and sync_state in ('pending', 'syncing')`,
      [organizationId],
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

  it("images, options and status edits on a live Shopee listing open conflicts; the listing shows `conflict` until they are resolved", async () => {
    const live = await seedSyncFixture(orm, sim, channels, {
      organizationId: org,
      platform: "shopee",
      products: 1,
      variants: 2,
      name: "shopee live",
    });
    const product = live.products[0]!;
    const listingIds = product.variants.map((v) => v.listingId);
    await orm.em.fork().transactional(async (tx) => {
      await sqlRows(tx, `update product set images = $2::jsonb where id = $1`, [
        product.productId,
        JSON.stringify(["https://img.syncstore.test/p/front.jpg"]),
      ]);
      for (const [i, variant] of product.variants.entries())
        await sqlRows(tx, `update variant set options = $2::jsonb where id = $1`, [
          variant.variantId,
          JSON.stringify({ Size: `S${i}` }),
        ]);
    });
    const connectionConflicts = async (status = "open") =>
      (await conflicts(status)).filter((c) => listingIds.includes(c.listing_id));
    // The first pass records what the shop shows as the base of images, options and status.
    await reconcileConnection(deps, live.connectionId, log, new Date(Date.now() + 1_000));
    expect(await connectionConflicts()).toHaveLength(0);
    const [base] = await sqlRows<{ last_synced: { images?: string[]; options?: object; status?: string } }>(
      orm.em.fork(),
      `select last_synced from listing where id = $1`,
      [listingIds[0]],
    );
    expect(base?.last_synced).toMatchObject({ options: { Size: "S0" }, status: "NORMAL" });
    expect(base?.last_synced.images?.length).toBeGreaterThan(0);

    await sim.admin("PATCH", `/shops/shopee/${live.shopId}/products/${product.externalProductId}`, {
      images: ["sg-11134201-seller-new"],
      options: { Size: ["XS", "S1"] },
      status: "inactive",
    });
    await reconcileConnection(deps, live.connectionId, log, new Date(Date.now() + 2_000));
    const open = await connectionConflicts();
    const groups = open.map(
      (c) => `${c.field_group}:${product.variants.findIndex((v) => v.listingId === c.listing_id)}`,
    );
    expect(groups.sort()).toEqual(["images:0", "images:1", "options:0", "status:0", "status:1"]);
    const states = await sqlRows<{ sync_state: string }>(
      orm.em.fork(),
      `select sync_state from listing where id = any($1::uuid[])`,
      [listingIds],
    );
    expect(states.map((row) => row.sync_state)).toEqual(["conflict", "conflict"]);

    const ids = (group: string) => open.filter((c) => c.field_group === group).map((c) => c.id);
    // Status belongs to the product: merging it on one variant's listing settles the other's conflict,
    // which closes as moot (master and the shop now agree) instead of staying open with a stale master.
    const [firstStatus, secondStatus] = ids("status");
    const merged = await orm.em.fork().transactional((tx) =>
      resolveConflicts(tx, {
        organizationId: org,
        conflictIds: [firstStatus!],
        strategy: "manual",
        value: { status: "inactive" },
        actorId: null,
      }),
    );
    expect(merged).toMatchObject({ resolved: [firstStatus], closed: [secondStatus] });
    const [sibling] = await sqlRows<{ status: string; note: string | null }>(
      orm.em.fork(),
      `select status, note from conflict where id = $1`,
      [secondStatus],
    );
    expect(sibling).toEqual({ status: "moot", note: "Master and the channel now show the same value" });
    await orm.em.fork().transactional(async (tx) => {
      await resolveConflicts(tx, {
        organizationId: org,
        conflictIds: ids("options"),
        strategy: "channel",
        actorId: null,
      });
      await resolveConflicts(tx, {
        organizationId: org,
        conflictIds: ids("images"),
        strategy: "master",
        actorId: null,
      });
    });
    const [master] = await sqlRows<{ status: string; options: object }>(
      orm.em.fork(),
      `select p.status, v.options from product p join variant v on v.product_id = p.id where v.id = $1`,
      [product.variants[0]!.variantId],
    );
    expect(master).toEqual({ status: "draft", options: { Size: "XS" } });
    expect(await connectionConflicts()).toHaveLength(0);
    worker = await startTestWorker(orm, database.url, channels, { concurrency: 2 });
    await settled();
    const after = await sqlRows<{ sync_state: string }>(
      orm.em.fork(),
      `select sync_state from listing where id = any($1::uuid[])`,
      [listingIds],
    );
    expect(after.map((row) => row.sync_state)).toEqual(["in_sync", "in_sync"]);
    // Nothing changed since: another pass opens nothing.
    await reconcileConnection(deps, live.connectionId, log, new Date(Date.now() + 3_000));
    expect(await connectionConflicts()).toHaveLength(0);
    await worker.stop();
    worker = undefined;
  });

  it("a foreign-currency shop: master converted with the organization's rate and rounding is no conflict; a seller's price edit is", async () => {
    const fx = "org-conflicts-fx";
    const myr = await seedSyncFixture(orm, sim, channels, {
      organizationId: fx,
      platform: "shopee",
      products: 1,
      variants: 1,
      region: "MY",
      name: "shopee MY",
    });
    const listingId = myr.listingIds[0]!;
    await orm.em.fork().transactional(async (tx) => {
      await sqlRows(
        tx,
        `insert into exchange_rate (id, organization_id, currency, rate, rounding, set_at)
         values (gen_random_uuid(), $1, 'MYR', 3.4, '{"kind": "ending", "ending": "90"}', now())`,
        [fx],
      );
      await markCatalogForSync(tx, fx, { variantIds: myr.variantIds });
    });
    worker = await startTestWorker(orm, database.url, channels, { concurrency: 2 });
    await settled(fx);
    // SGD 10.00 × 3.4 = MYR 34.00, then the .90 ending.
    expect((await simProduct(myr, myr.products[0]!.externalProductId)).variants[0]?.price).toBe(34.9);
    const fxConflicts = () =>
      sqlRows<{ field_group: string; master: object; channel: object }>(
        orm.em.fork(),
        `select field_group, master, channel from conflict where organization_id = $1 and status = 'open'`,
        [fx],
      );
    await reconcileConnection(deps, myr.connectionId, log, new Date(Date.now() + 1_000));
    await compareWithLive(deps, myr.connectionId, log);
    expect(await fxConflicts()).toHaveLength(0);

    await sim.admin("PATCH", `/shops/shopee/${myr.shopId}/products/${myr.products[0]!.externalProductId}`, {
      price: 39.9,
    });
    await reconcileConnection(deps, myr.connectionId, log, new Date(Date.now() + 2_000));
    expect(await fxConflicts()).toEqual([
      {
        field_group: "price",
        master: { price: 3490, currency: "MYR" },
        channel: { price: 3990, currency: "MYR" },
      },
    ]);
    const [state] = await sqlRows<{ sync_state: string }>(
      orm.em.fork(),
      `select sync_state from listing where id = $1`,
      [listingId],
    );
    expect(state?.sync_state).toBe("conflict");
    await worker.stop();
    worker = undefined;
  });

  it("the import's SKU match records a conflict where the shop's live values differ from master, and never pushes over them", async () => {
    const imported = await seedSyncFixture(orm, sim, channels, {
      organizationId: org,
      platform: "shopee",
      products: 2,
      variants: 1,
      name: "shopee import",
    });
    // Unlink the fixture's listings and give master other values for the first product only.
    const [first, second] = imported.products;
    await orm.em.fork().transactional(async (tx) => {
      await sqlRows(
        tx,
        `update listing set variant_id = null, product_id = null, sync_state = 'unlinked', last_synced = null where id = any($1::uuid[])`,
        [imported.listingIds],
      );
      await sqlRows(tx, `update product set title = 'Master import title' where id = $1`, [first!.productId]);
      await sqlRows(tx, `update variant set price = 1234 where id = $1`, [first!.variants[0]!.variantId]);
    });
    const live = await simProducts(sim, "shopee", imported.shopId);
    const rows = live.map((product) => ({
      external_product_id: product.id,
      external_variant_id: product.variants[0]!.id,
      external_sku: `${imported.shopId}-${product.variants[0]!.sku}`,
      external_title: product.title,
      channel_status: "NORMAL",
      channel_state: {
        title: product.title,
        description: product.description,
        price: Math.round(product.variants[0]!.price * 100),
        currency: "SGD",
        stock: product.variants[0]!.stock.reduce((sum, l) => sum + l.stock, 0),
        status: "NORMAL",
      },
    }));
    const result = await orm.em.fork().transactional((tx) => upsertImportedPage(tx, org, imported.connectionId, rows));
    expect(result.newlyLinked).toBe(2);
    const recorded = await sqlRows<{ listing_id: string; field_group: string; source: string; channel: object }>(
      orm.em.fork(),
      `select listing_id::text, field_group, source, channel from conflict
        where connection_id = $1 and status = 'open' order by field_group`,
      [imported.connectionId],
    );
    expect(recorded).toMatchObject([
      {
        listing_id: first!.variants[0]!.listingId,
        field_group: "content",
        source: "import",
        channel: { title: live[0]!.title },
      },
      { listing_id: first!.variants[0]!.listingId, field_group: "price", source: "import", channel: { price: 1000 } },
    ]);
    worker = await startTestWorker(orm, database.url, channels, { concurrency: 2 });
    await settled();
    // The held fields are not pushed; a reconciliation pass does not close the choice as moot.
    const onShop = await simProduct(imported, first!.externalProductId);
    expect(onShop.title).toBe(live[0]!.title);
    expect(onShop.variants[0]?.price).toBe(10);
    await reconcileConnection(deps, imported.connectionId, log, new Date(Date.now() + 1_000));
    expect(
      await sqlRows(orm.em.fork(), `select 1 from conflict where connection_id = $1 and status = 'open'`, [
        imported.connectionId,
      ]),
    ).toHaveLength(2);
    const states = await sqlRows<{ id: string; sync_state: string }>(
      orm.em.fork(),
      `select id::text, sync_state from listing where connection_id = $1`,
      [imported.connectionId],
    );
    expect(Object.fromEntries(states.map((row) => [row.id, row.sync_state]))).toEqual({
      [first!.variants[0]!.listingId]: "conflict",
      [second!.variants[0]!.listingId]: "in_sync",
    });
    // Keep master: it is pushed now.
    const ids = (
      await sqlRows<{ id: string }>(
        orm.em.fork(),
        `select id::text from conflict where connection_id = $1 and status = 'open'`,
        [imported.connectionId],
      )
    ).map((row) => row.id);
    await orm.em
      .fork()
      .transactional((tx) =>
        resolveConflicts(tx, { organizationId: org, conflictIds: ids, strategy: "master", actorId: null }),
      );
    await settled();
    const pushed = await simProduct(imported, first!.externalProductId);
    expect(pushed.title).toBe("Master import title");
    expect(pushed.variants[0]?.price).toBe(12.34);
    await worker.stop();
    worker = undefined;
  });
});
