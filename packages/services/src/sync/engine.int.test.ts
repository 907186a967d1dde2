import { closeChannelAgent, type ChannelDeps } from "@syncstore/channels";
import { startSimulator, testChannelEnv, type RunningSimulator } from "@syncstore/channels/testing";
import { createOrm, sqlRows, type Orm } from "@syncstore/db";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import { createRealtimeEmitter } from "@syncstore/realtime";
import pg from "pg";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  authorizeShop,
  channelDepsFor,
  listingRows,
  queuedJobs,
  seedSyncFixture,
  setMasterPrices,
  setMasterStock,
  simProducts,
  simTraffic,
  startTestWorker,
  syncState,
  waitFor,
  type SyncFixture,
  type TestWorker,
} from "../testing/sync";
import { requeuePendingListings } from "./claims";
import { runSyncJob } from "./engine";
import { defaultSyncSettings } from "./settings";

let database: TestDatabase;
let orm: Orm;
let sim: RunningSimulator;
let channels: ChannelDeps;
let worker: TestWorker | undefined;
let realtimePool: pg.Pool;
const org = "org-sync-engine";
const fast = { backoffBaseMs: 50, backoffCapMs: 400, rateLimits: { shopee: null, tiktok: null } };

beforeAll(async () => {
  [database, sim] = await Promise.all([createTestDatabase(), startSimulator("21")]);
  orm = await createOrm(database.url, { pool: { min: 0, max: 8 } });
  channels = channelDepsFor(sim, testChannelEnv);
  realtimePool = new pg.Pool({ connectionString: database.url, max: 2 });
  realtimePool.on("error", () => undefined);
  realtimePool.on("connect", (client) => client.on("error", () => undefined));
}, 60_000);

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

afterAll(async () => {
  await orm?.close(true);
  await realtimePool?.end();
  await closeChannelAgent();
  sim?.stop();
  await database?.drop();
});

const seed = (platform: "shopee" | "tiktok", products: number, variants: number) =>
  seedSyncFixture(orm, sim, channels, { organizationId: org, platform, products, variants });

const allInSync =
  (fixture: SyncFixture, ids = fixture.listingIds) =>
  async () => {
    const rows = await listingRows(orm, ids);
    return rows.every((row) => row.sync_state === "in_sync") ? rows : undefined;
  };

async function channelPrices(fixture: SyncFixture): Promise<Map<string, number>> {
  const prices = new Map<string, number>();
  for (const product of await simProducts(sim, fixture.platform, fixture.shopId))
    for (const variant of product.variants) prices.set(`${product.id}:${variant.id}`, Math.round(variant.price * 100));
  return prices;
}

async function logs(listingIds: readonly string[]) {
  return sqlRows<{
    listing_id: string;
    operation: string;
    outcome: string;
    attempt: number;
    request_id: string | null;
    error: string | null;
    before: { price?: number };
    after: { price?: number };
  }>(
    orm.em.fork(),
    `select listing_id::text, operation, outcome, attempt, request_id, error, before, after from sync_log
      where listing_id = any($1::uuid[]) order by created_at`,
    [listingIds],
  );
}

// Each test starts a real worker and waits for its pushes (up to 30 s a wait): on a loaded CI machine the
// default 20 s per test is too short for the ones that wait twice.
describe("sync engine on the simulator", { timeout: 90_000 }, () => {
  it("coalesces 50 rapid edits of one listing into one push of the last price", async () => {
    const fixture = await seed("shopee", 1, 1);
    const variantId = fixture.variantIds[0]!;
    for (let i = 1; i <= 50; i++) await setMasterPrices(orm, org, [{ variantId, price: 1000 + i }]);
    expect(await queuedJobs(orm, fixture.listingIds)).toBe(1);
    // The seller had changed price and stock on the shop (recorded drift): the price push settles the price.
    await sqlRows(orm.em.fork(), `update listing set drift = '{"price": 999, "stock": 4}' where id = $1`, [
      fixture.listingIds[0],
    ]);

    worker = await startTestWorker(orm, database.url, channels, { settings: fast });
    const [row] = await waitFor("the listing in sync", allInSync(fixture));
    expect(row).toMatchObject({ desired_version: 51, synced_version: 51, last_synced: { price: 1050 } });
    const traffic = await simTraffic(sim, "shopee", fixture.shopId);
    expect(traffic.byApi["product.update_price"]).toBe(1);
    expect(traffic.byApi["product.update_stock"]).toBeUndefined();
    expect([...(await channelPrices(fixture)).values()]).toEqual([1050]);
    const history = await logs(fixture.listingIds);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      operation: "price",
      outcome: "succeeded",
      before: { price: 999 }, // what the shop showed (the seller's edit)
      after: { price: 1050 },
    });
    expect(history[0]?.request_id).toBeTruthy();
    const [drift] = await sqlRows<{ drift: unknown }>(orm.em.fork(), `select drift from listing where id = $1`, [
      fixture.listingIds[0],
    ]);
    expect(drift?.drift).toEqual({ stock: 4 });
  });

  it("batches a product's variants up to the platform limit: 120 Shopee models in 3 calls, 120 TikTok SKUs in 2", async () => {
    const shopee = await seed("shopee", 1, 120);
    const tiktok = await seed("tiktok", 1, 120);
    for (const fixture of [shopee, tiktok])
      await setMasterPrices(
        orm,
        org,
        fixture.variantIds.map((variantId) => ({ variantId, price: 1299 })),
      );
    // One job at a time, so each job claims a full batch.
    worker = await startTestWorker(orm, database.url, channels, { concurrency: 1, settings: fast });
    await waitFor("every Shopee listing in sync", allInSync(shopee));
    await waitFor("every TikTok listing in sync", allInSync(tiktok));

    expect((await simTraffic(sim, "shopee", shopee.shopId)).byApi["product.update_price"]).toBe(3);
    expect((await simTraffic(sim, "tiktok", tiktok.shopId)).byApi["product.prices_update"]).toBe(2);
    for (const fixture of [shopee, tiktok]) {
      expect(new Set((await channelPrices(fixture)).values())).toEqual(new Set([1299]));
      const history = await logs(fixture.listingIds);
      expect(history.filter((log) => log.outcome === "succeeded")).toHaveLength(120);
    }
  });

  it("converges under 20% injected 5xx: every listing in sync, each change recorded once", async () => {
    const fixture = await seed("shopee", 20, 3);
    await sim.admin("PUT", `/shops/shopee/${fixture.shopId}/faults`, { errorRate: 0.2 });
    await setMasterPrices(
      orm,
      org,
      fixture.variantIds.map((variantId, i) => ({ variantId, price: 2000 + 25 * i })),
    );
    await setMasterStock(
      orm,
      org,
      fixture.variantIds.map((variantId, i) => ({ variantId, onHand: 40 + i })),
    );
    // Each try fails with p ≈ 0.36 (a price and a stock call at 20 % each), so with the production
    // limit of 8 tries one of 60 listings gives up ("failed") in a few percent of runs: that is the
    // designed outcome, not convergence. Allow enough tries that giving up is practically impossible.
    worker = await startTestWorker(orm, database.url, channels, { settings: { ...fast, maxAttempts: 40 } });
    // On a timeout, say which listings are stuck and why, so a failure explains itself.
    await waitFor("every listing in sync despite 5xx", allInSync(fixture), 60_000).catch(async (error: unknown) => {
      const stuck = (await listingRows(orm, fixture.listingIds)).filter((row) => row.sync_state !== "in_sync");
      throw new Error(`${String(error)}; not in sync: ${JSON.stringify(stuck)}`);
    });
    await sim.admin("DELETE", `/shops/shopee/${fixture.shopId}/faults`);
    const expected = new Map(
      fixture.products.flatMap((product) =>
        product.variants.map(
          (variant) =>
            [
              `${product.externalProductId}:${variant.externalVariantId}`,
              2000 + 25 * fixture.variantIds.indexOf(variant.variantId),
            ] as const,
        ),
      ),
    );
    expect(await channelPrices(fixture)).toEqual(expected);
    const history = await logs(fixture.listingIds);
    for (const op of ["price", "stock"]) {
      const succeeded = history.filter((log) => log.operation === op && log.outcome === "succeeded");
      expect(new Set(succeeded.map((log) => log.listing_id)).size).toBe(60);
      expect(succeeded).toHaveLength(60); // no listing recorded twice
    }
    expect(history.some((log) => log.outcome === "retrying" && log.attempt === 1)).toBe(true);
    await waitFor("no job left", async () => (await queuedJobs(orm, fixture.listingIds)) === 0);
  }, 90_000);

  it("keeps to the configured rate limit across the shop, and waits when the platform says slow down", async () => {
    const paced = await seed("tiktok", 16, 1);
    await sim.admin("PUT", `/shops/tiktok/${paced.shopId}/faults`, { rateLimitPerSecond: 5 });
    await setMasterPrices(
      orm,
      org,
      paced.variantIds.map((variantId) => ({ variantId, price: 777 })),
    );
    worker = await startTestWorker(orm, database.url, channels, {
      concurrency: 8,
      settings: { ...fast, rateLimits: { shopee: null, tiktok: 4 }, callConcurrency: 4 },
    });
    await waitFor("paced listings in sync", allInSync(paced), 30_000);
    const traffic = await simTraffic(sim, "tiktok", paced.shopId);
    expect(traffic.byApi["product.prices_update"]).toBe(16);
    expect(traffic.rejected).toBe(0);
    expect(traffic.maxPerSecondByApi["product.prices_update"]).toBeLessThanOrEqual(5);
    await worker.stop();

    // Our limit set above the platform's: the platform's 429 and Retry-After decide.
    const limited = await seed("tiktok", 12, 1);
    await sim.admin("PUT", `/shops/tiktok/${limited.shopId}/faults`, { rateLimitPerSecond: 3 });
    await setMasterPrices(
      orm,
      org,
      limited.variantIds.map((variantId) => ({ variantId, price: 555 })),
    );
    worker = await startTestWorker(orm, database.url, channels, { concurrency: 8, settings: fast });
    await waitFor("rate-limited listings in sync", allInSync(limited), 30_000);
    const answered = await simTraffic(sim, "tiktok", limited.shopId);
    expect(answered.rejected).toBeGreaterThan(0);
    expect(new Set((await channelPrices(limited)).values())).toEqual(new Set([555]));
    const history = await logs(limited.listingIds);
    expect(history.filter((log) => log.outcome === "succeeded")).toHaveLength(12);
    expect(history.filter((log) => log.outcome === "retrying").every((log) => log.error?.length)).toBe(true);
  }, 60_000);

  it("shows a platform validation error on the listing and does not retry it", async () => {
    const fixture = await seed("shopee", 1, 2);
    const [bad, good] = fixture.variantIds as [string, string];
    await setMasterPrices(orm, org, [
      { variantId: bad, price: 0 },
      { variantId: good, price: 1500 },
    ]);
    worker = await startTestWorker(orm, database.url, channels, { settings: fast });
    const badListing = fixture.products[0]!.variants[0]!.listingId;
    const [row] = await waitFor("the bad listing failed", async () => {
      const rows = await listingRows(orm, [badListing]);
      return rows[0]?.sync_state === "failed" ? rows : undefined;
    });
    expect(row?.last_error).toContain("greater than 0");
    await waitFor("the good listing in sync", allInSync(fixture, [fixture.products[0]!.variants[1]!.listingId]));
    // No retry is scheduled: the queue empties and stays empty.
    await waitFor("no job left", async () => (await queuedJobs(orm, fixture.listingIds)) === 0);
    const history = (await logs([badListing])).filter((log) => log.operation === "price");
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ outcome: "failed", attempt: 1 });
  });

  it("refreshes an expired token once and pushes again", async () => {
    const fixture = await seed("shopee", 1, 1);
    const [before] = await sqlRows<{ access_token_enc: string }>(
      orm.em.fork(),
      `select access_token_enc from channel_connection where id = $1`,
      [fixture.connectionId],
    );
    await sim.admin("POST", `/shops/shopee/${fixture.shopId}/expire-tokens`);
    await setMasterPrices(orm, org, [{ variantId: fixture.variantIds[0]!, price: 4321 }]);
    worker = await startTestWorker(orm, database.url, channels, { settings: fast });
    await waitFor("the listing in sync after a refresh", allInSync(fixture));
    const [after] = await sqlRows<{ access_token_enc: string; status: string }>(
      orm.em.fork(),
      `select access_token_enc, status from channel_connection where id = $1`,
      [fixture.connectionId],
    );
    expect(after?.status).toBe("active");
    expect(after?.access_token_enc).not.toBe(before?.access_token_enc);
    expect([...(await channelPrices(fixture)).values()]).toEqual([4321]);
    // The refused call is turned away at the token check, before the simulator counts traffic.
    expect((await simTraffic(sim, "shopee", fixture.shopId)).byApi["product.update_price"]).toBe(1);
  });

  it("stops a revoked shop's pushes, keeps its listings pending, and resumes when requeued", async () => {
    const fixture = await seed("tiktok", 2, 1);
    await sim.admin("POST", `/shops/tiktok/${fixture.shopId}/deauthorize`);
    await setMasterPrices(
      orm,
      org,
      fixture.variantIds.map((variantId) => ({ variantId, price: 999 })),
    );
    worker = await startTestWorker(orm, database.url, channels, { settings: fast });
    await waitFor("the connection marked for re-authorization", async () => {
      const rows = await sqlRows<{ status: string }>(
        orm.em.fork(),
        `select status from channel_connection where id = $1`,
        [fixture.connectionId],
      );
      return rows[0]?.status === "needs_reauth";
    });
    await waitFor("no sync job left", async () => (await queuedJobs(orm, fixture.listingIds)) === 0);
    const alerts = await sqlRows<{ kind: string; status: string }>(
      orm.em.fork(),
      `select kind, status from alert where dedupe_key = $1`,
      [`channel.reauth:${fixture.connectionId}`],
    );
    expect(alerts).toEqual([{ kind: "channel.reauth", status: "open" }]);
    const rows = await listingRows(orm, fixture.listingIds);
    expect(rows.every((row) => row.sync_state === "pending")).toBe(true);
    const calls = (await simTraffic(sim, "tiktok", fixture.shopId)).byApi["product.prices_update"] ?? 0;
    await setMasterPrices(
      orm,
      org,
      fixture.variantIds.map((variantId) => ({ variantId, price: 998 })),
    );
    await waitFor("no job left", async () => (await queuedJobs(orm, fixture.listingIds)) === 0);
    expect((await simTraffic(sim, "tiktok", fixture.shopId)).byApi["product.prices_update"] ?? 0).toBe(calls);

    // The seller authorizes again: new tokens stored and pending listings requeued in one transaction.
    const tokens = await authorizeShop(sim, channels, "tiktok", fixture.shopId);
    await orm.em.fork().transactional(async (tx) => {
      await sqlRows(
        tx,
        `update channel_connection set status = 'active', last_error = null, access_token_enc = $2, refresh_token_enc = $3
          where id = $1`,
        [fixture.connectionId, tokens.accessTokenEnc, tokens.refreshTokenEnc],
      );
      expect(await requeuePendingListings(tx, { organizationId: org, connectionId: fixture.connectionId })).toBe(2);
    });
    await waitFor("reconnected listings in sync", allInSync(fixture));
    expect(new Set((await channelPrices(fixture)).values())).toEqual(new Set([998]));
  }, 60_000);

  it("never lets an older push overwrite a newer price", async () => {
    const fixture = await seed("shopee", 1, 1);
    const variantId = fixture.variantIds[0]!;
    const listingId = fixture.listingIds[0]!;
    const deps = {
      em: orm.em,
      channels,
      realtime: createRealtimeEmitter(realtimePool),
      log: pino({ level: "silent" }),
      settings: { ...defaultSyncSettings, ...fast },
    };
    // The platform answers slowly: a newer edit lands while the first push is in flight.
    await sim.admin("PUT", `/shops/shopee/${fixture.shopId}/faults`, { latencyMs: 800 });
    await setMasterPrices(orm, org, [{ variantId, price: 1111 }]);
    const first = runSyncJob(deps, listingId);
    await waitFor(
      "the first push in flight",
      async () => (await listingRows(orm, [listingId]))[0]?.sync_state === "syncing",
    );
    await setMasterPrices(orm, org, [{ variantId, price: 2222 }]);
    // The newer change's job runs now: the listing is claimed, so it sends nothing.
    expect(await runSyncJob(deps, listingId)).toMatchObject({ claimed: 0, calls: 0 });
    expect(await first).toMatchObject({ claimed: 1, calls: 1, succeeded: 1 });
    let [row] = await listingRows(orm, [listingId]);
    // Recorded as pushed (version 2) but not in sync: version 3 is still to go, with its own job.
    expect(row).toMatchObject({ sync_state: "pending", synced_version: 2, desired_version: 3 });
    expect(await queuedJobs(orm, fixture.listingIds)).toBeGreaterThanOrEqual(1);
    await sim.admin("DELETE", `/shops/shopee/${fixture.shopId}/faults`);
    expect(await runSyncJob(deps, listingId)).toMatchObject({ claimed: 1, calls: 1, succeeded: 1 });
    [row] = await listingRows(orm, [listingId]);
    expect(row).toMatchObject({ sync_state: "in_sync", synced_version: 3, last_synced: { price: 2222 } });
    expect([...(await channelPrices(fixture)).values()]).toEqual([2222]);

    // Running a job again, late, changes nothing: nothing is claimed, nothing is sent or logged.
    const logCount = (await logs([listingId])).length;
    expect(await runSyncJob(deps, listingId)).toMatchObject({ claimed: 0, calls: 0 });
    expect(await logs([listingId])).toHaveLength(logCount);
    await sqlRows(orm.em.fork(), `delete from graphile_worker._private_jobs`);
  });

  it("hands its listings back, each with a job, when something unexpected breaks mid-push", async () => {
    const fixture = await seed("shopee", 2, 1);
    const broken = {
      ...channels,
      adapters: {
        ...channels.adapters,
        get: () => {
          const adapter = channels.adapters.shopee;
          return Object.assign(Object.create(adapter) as typeof adapter, {
            updatePrices: () => Promise.reject(new Error("boom")),
          });
        },
      },
    } as unknown as ChannelDeps;
    await setMasterPrices(
      orm,
      org,
      fixture.variantIds.map((variantId) => ({ variantId, price: 4444 })),
    );
    await sqlRows(orm.em.fork(), `delete from graphile_worker._private_jobs`);
    const deps = {
      em: orm.em,
      channels: broken,
      realtime: createRealtimeEmitter(realtimePool),
      log: pino({ level: "silent" }),
      settings: { ...defaultSyncSettings, ...fast },
    };
    await expect(runSyncJob(deps, fixture.listingIds[0]!)).rejects.toThrow("boom");
    const rows = await sqlRows<{ sync_state: string; sync_claim: string | null }>(
      orm.em.fork(),
      `select sync_state, sync_claim from listing where id = any($1::uuid[])`,
      [fixture.listingIds],
    );
    expect(rows).toEqual([
      { sync_state: "pending", sync_claim: null },
      { sync_state: "pending", sync_claim: null },
    ]);
    expect(await queuedJobs(orm, fixture.listingIds)).toBe(2);
    worker = await startTestWorker(orm, database.url, channels, { settings: fast });
    await waitFor("pushed after the failure", allInSync(fixture), 30_000);
  });

  it("drains a rate-limited shop in one job while its other jobs hand over and free their worker slots", async () => {
    // 60 products × 1 model on Shopee: two claims (50 listings, then 10), 60 paced calls.
    const fixture = await seed("shopee", 60, 1);
    await setMasterPrices(
      orm,
      org,
      fixture.variantIds.map((variantId) => ({ variantId, price: 3210 })),
    );
    await sqlRows(orm.em.fork(), `delete from graphile_worker._private_jobs`);
    const deps = {
      em: orm.em,
      channels,
      realtime: createRealtimeEmitter(realtimePool),
      log: pino({ level: "silent" }),
      settings: { ...defaultSyncSettings, ...fast, rateLimits: { shopee: 200, tiktok: null }, drainsPerShop: 1 },
    };
    const jobs = fixture.listingIds.slice(0, 6);
    const summaries = await Promise.all(jobs.map((listingId) => runSyncJob(deps, listingId)));
    const drained = summaries.findIndex((summary) => summary.claimed > 0);
    expect(summaries[drained]).toMatchObject({ claimed: 60, calls: 60, succeeded: 60, handedOver: 0 });
    // The others end at once: each hands its listing over, or (when the drain already pushed it
    // before the job looked) finds nothing to do.
    const handedOver = jobs.filter((_, i) => i !== drained && summaries[i]!.handedOver === 1);
    expect(
      summaries.filter((_, i) => i !== drained).every((s) => s.claimed === 0 && s.calls === 0 && s.handedOver <= 1),
    ).toBe(true);
    expect(new Set((await listingRows(orm, fixture.listingIds)).map((row) => row.sync_state))).toEqual(
      new Set(["in_sync"]),
    );
    // Each handed-over listing keeps a late job of its own key in case the draining process dies.
    const late = await sqlRows<{ key: string }>(
      orm.em.fork(),
      `select key from graphile_worker._private_jobs where key like 'sync-listing-handover:%' and run_at > now()`,
    );
    expect(late.map((job) => job.key).sort()).toEqual(handedOver.map((id) => `sync-listing-handover:${id}`).sort());
  });

  it("leaves a paused shop alone and counts a manual run to its end", async () => {
    const fixture = await seed("shopee", 2, 2);
    await sqlRows(orm.em.fork(), `update channel_connection set sync_paused = true where id = $1`, [
      fixture.connectionId,
    ]);
    const runId = crypto.randomUUID();
    await sqlRows(
      orm.em.fork(),
      `insert into sync_run (id, organization_id, kind, priority, total, status) values ($1, $2, 'channel', -10, 4, 'running')`,
      [runId, org],
    );
    await setMasterPrices(
      orm,
      org,
      fixture.variantIds.map((variantId) => ({ variantId, price: 3333 })),
      {
        priority: "high",
        syncRunId: runId,
      },
    );
    worker = await startTestWorker(orm, database.url, channels, { settings: fast });
    await waitFor("paused jobs drained", async () => (await queuedJobs(orm, fixture.listingIds)) === 0);
    expect((await listingRows(orm, fixture.listingIds)).every((row) => row.sync_state === "pending")).toBe(true);
    expect((await simTraffic(sim, "shopee", fixture.shopId)).byApi["product.update_price"]).toBeUndefined();

    await orm.em.fork().transactional(async (tx) => {
      await sqlRows(tx, `update channel_connection set sync_paused = false where id = $1`, [fixture.connectionId]);
      await requeuePendingListings(tx, { organizationId: org, connectionId: fixture.connectionId });
    });
    // Seen twice in CI (runs G and K of issue 17) and never locally: a timeout here prints the
    // listings' claims and every queued job, and the wait covers one claim time (30 s) in case a
    // claim outlived its job.
    await waitFor("resumed listings in sync", allInSync(fixture), 65_000, 100, () =>
      syncState(orm, fixture.listingIds),
    );
    const [run] = await sqlRows<{ done: number; failed: number; total: number; status: string }>(
      orm.em.fork(),
      `select done, failed, total, status from sync_run where id = $1`,
      [runId],
    );
    expect(run).toEqual({ done: 4, failed: 0, total: 4, status: "succeeded" });
    const cleared = await sqlRows<{ n: number }>(
      orm.em.fork(),
      `select count(*)::int as n from listing where sync_run_id = $1`,
      [runId],
    );
    expect(cleared[0]?.n).toBe(0);
  });
});
