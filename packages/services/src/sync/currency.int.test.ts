import { closeChannelAgent, type ChannelDeps } from "@syncstore/channels";
import { startSimulator, testChannelEnv, type RunningSimulator } from "@syncstore/channels/testing";
import { createOrm, sqlRows, type Orm } from "@syncstore/db";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  channelDepsFor,
  listingRows,
  seedSyncFixture,
  setMasterPrices,
  simProducts,
  simTraffic,
  startTestWorker,
  waitFor,
  type TestWorker,
} from "../testing/sync";
import { markListingsForSync } from "./mark";

let database: TestDatabase;
let orm: Orm;
let sim: RunningSimulator;
let channels: ChannelDeps;
let worker: TestWorker | undefined;
const org = "org-sync-currency";
const fast = { backoffBaseMs: 50, backoffCapMs: 400, rateLimits: { shopee: null, tiktok: null } };

beforeAll(async () => {
  [database, sim] = await Promise.all([createTestDatabase(), startSimulator("23")]);
  orm = await createOrm(database.url, { pool: { min: 0, max: 8 } });
  channels = channelDepsFor(sim, testChannelEnv);
  await sqlRows(
    orm.em.fork(),
    `insert into organization (id, name, slug, currency, created_at) values ($1, $1, $1, 'USD', now())`,
    [org],
  );
}, 60_000);

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

afterAll(async () => {
  await orm?.close(true);
  await closeChannelAgent();
  sim?.stop();
  await database?.drop();
});

describe("prices reach a shop in the shop's currency", () => {
  it("holds a USD price for a MYR shop without a rate, then sends it converted and rounded once the rate is saved", async () => {
    const fixture = await seedSyncFixture(orm, sim, channels, {
      organizationId: org,
      platform: "shopee",
      products: 1,
      variants: 1,
      region: "MY",
    });
    const [listingId] = fixture.listingIds;
    await setMasterPrices(orm, org, [{ variantId: fixture.variantIds[0]!, price: 2349 }]);

    worker = await startTestWorker(orm, database.url, channels, { settings: fast });
    const [held] = await waitFor("the price held", async () => {
      const rows = await listingRows(orm, fixture.listingIds);
      return rows.every((row) => row.sync_state === "failed") ? rows : undefined;
    });
    const [reason] = await sqlRows<{ last_error_code: string; last_error: string }>(
      orm.em.fork(),
      `select last_error_code, last_error from listing where id = $1`,
      [listingId],
    );
    expect(held).toBeDefined();
    expect(reason).toMatchObject({ last_error_code: "NO_EXCHANGE_RATE" });
    expect(reason?.last_error).toContain("set a MYR rate in Settings");
    expect((await simTraffic(sim, "shopee", fixture.shopId)).byApi["product.update_price"]).toBeUndefined();
    const [before] = await simProducts(sim, "shopee", fixture.shopId);
    expect(before?.variants[0]?.price).toBe(10); // never 23.49 MYR

    // What Settings → Organization does when the rate is saved: store it, queue the shop's prices.
    await orm.em.fork().transactional(async (tx) => {
      await sqlRows(
        tx,
        `insert into exchange_rate (id, organization_id, currency, rate, rounding, set_at)
         values (gen_random_uuid(), $1, 'MYR', 4.7125, '{"kind": "ending", "ending": "90"}', now())`,
        [org],
      );
      await markListingsForSync(tx, { organizationId: org, connectionId: fixture.connectionId, all: true });
    });
    await waitFor("the listing in sync", async () => {
      const rows = await listingRows(orm, fixture.listingIds);
      return rows.every((row) => row.sync_state === "in_sync") ? rows : undefined;
    });
    // 23.49 USD × 4.7125 = 110.70 MYR, then the .90 ending.
    const [after] = await simProducts(sim, "shopee", fixture.shopId);
    expect(after?.variants[0]?.price).toBe(110.9);
  });
});
