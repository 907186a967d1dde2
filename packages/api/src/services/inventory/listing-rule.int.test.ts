import { closeChannelAgent } from "@syncstore/channels";
import { startSimulator, type RunningSimulator } from "@syncstore/channels/testing";
import {
  listingRows,
  queuedJobs,
  seedSyncFixture,
  setMasterStock,
  simProducts,
  startTestWorker,
  waitFor,
  type SyncFixture,
  type TestWorker,
} from "@syncstore/services/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";

/*
 * A listing's own stock rule over the whole chain: the tRPC call stores it, queues the listing's
 * push, a real graphile-worker runner computes the desired stock (listing > shop > organization)
 * and the simulator receives exactly that number.
 */

let sim: RunningSimulator;
let h: ApiHarness;
let worker: TestWorker | undefined;
let owner: Awaited<ReturnType<ApiHarness["signUp"]>>;
let shopee: SyncFixture;
let tiktok: SyncFixture;

beforeAll(async () => {
  sim = await startSimulator("58");
  h = await createApiHarness(sim.env);
  owner = await h.signUp("Rule Owner");
  const seed = (platform: "shopee" | "tiktok", variants: number) =>
    seedSyncFixture(h.orm, sim, h.deps.channels, {
      organizationId: owner.organizationId,
      platform,
      products: 1,
      variants,
    });
  [shopee, tiktok] = [await seed("shopee", 5), await seed("tiktok", 1)];
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await h?.close();
  await closeChannelAgent();
  sim?.stop();
});

/** What the simulator's shop shows per variant (summed over its locations). */
async function simStock(fixture: SyncFixture): Promise<Map<string, number>> {
  const stock = new Map<string, number>();
  for (const product of await simProducts(sim, fixture.platform, fixture.shopId))
    for (const variant of product.variants)
      stock.set(
        variant.id,
        variant.stock.reduce((sum, level) => sum + level.stock, 0),
      );
  return stock;
}

describe("a listing's own stock rule", { timeout: 90_000 }, () => {
  it("wins over the shop's rule (percentage, fixed, stop-below with and without the preferred shop) and is what the shop receives", async () => {
    const variants = shopee.products[0]!.variants;
    await setMasterStock(
      h.orm,
      owner.organizationId,
      variants.map((v) => ({ variantId: v.variantId, onHand: 10 })),
    );
    await owner.caller.inventory.setShopRule({ connectionId: shopee.connectionId, rule: { buffer: 1 } });
    const rules = [
      { percent: 50 },
      { fixed: 3 },
      { stopBelow: 20, stopExceptConnectionId: tiktok.connectionId },
      { stopBelow: 20, stopExceptConnectionId: shopee.connectionId },
      null, // no rule of its own: the shop's buffer
    ];
    const expected = [5, 3, 0, 10, 9];
    for (const [i, rule] of rules.entries()) {
      if (!rule) continue;
      const listingId = variants[i]!.listingId;
      const saved = await owner.caller.inventory.setListingRule({ listingId, rule });
      expect(saved).toEqual({ listingId, rule });
      // Saving queued the listing's push (one job per listing, keyed by it).
      expect(await queuedJobs(h.orm, [listingId])).toBe(1);
    }

    const explained = await owner.caller.inventory.explain({
      variantId: variants[0]!.variantId,
      connectionId: shopee.connectionId,
    });
    expect(explained).toMatchObject({ decidedBy: "listing", pushed: 5, rules: { connection: { buffer: 1 } } });
    const inherited = await owner.caller.inventory.explain({
      variantId: variants[4]!.variantId,
      connectionId: shopee.connectionId,
    });
    expect(inherited).toMatchObject({ decidedBy: "connection", pushed: 9, rules: { listing: null } });

    worker = await startTestWorker(h.orm, h.url, h.deps.channels, {
      settings: { backoffBaseMs: 50, backoffCapMs: 400, rateLimits: { shopee: null, tiktok: null } },
    });
    const ids = variants.map((v) => v.listingId);
    await waitFor("every listing pushed with its rule", async () => {
      const rows = await listingRows(h.orm, ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return variants.every(
        (v, i) =>
          byId.get(v.listingId)?.sync_state === "in_sync" && byId.get(v.listingId)?.last_synced?.stock === expected[i],
      );
    });
    const onShop = await simStock(shopee);
    expect(variants.map((v) => onShop.get(v.externalVariantId))).toEqual(expected);

    // Removing the listing rule hands the decision back to the shop's rule, and that is pushed too.
    await owner.caller.inventory.setListingRule({ listingId: variants[0]!.listingId, rule: {} });
    await waitFor("the listing pushed with the shop's rule", async () => {
      const [row] = await listingRows(h.orm, [variants[0]!.listingId]);
      return row?.sync_state === "in_sync" && row.last_synced?.stock === 9;
    });
    expect((await simStock(shopee)).get(variants[0]!.externalVariantId)).toBe(9);
  });
});
