import { closeChannelAgent } from "@syncstore/channels";
import { startSimulator, type RunningSimulator } from "@syncstore/channels/testing";
import { createMailer, createTaskList } from "@syncstore/services";
import { TRPCError } from "@trpc/server";
import type { JobHelpers } from "graphile-worker";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";
import { completeConnect } from "../channels/connections";

/*
 * Import, matching, linking, overrides and publishing against the marketplace simulator over real
 * HTTP, with the worker tasks run in-process on the same database.
 */

let sim: RunningSimulator;
let h: ApiHarness;
type Signed = Awaited<ReturnType<ApiHarness["signUp"]>>;
let owner: Signed;
let shopeeShopId = "";
let tiktokShopId = "";
let shopeeConnectionId = "";
let tiktokConnectionId = "";
const log = pino({ level: "silent" });

async function connect(platform: "shopee" | "tiktok", shopId: string): Promise<string> {
  const { url } = await owner.caller.channels.startConnect({ platform });
  const back = await sim.authorize(url, shopId);
  const result = await completeConnect(h.deps, {
    platform,
    state: back.searchParams.get("state") ?? "",
    code: back.searchParams.get("code") ?? "",
    shopId: back.searchParams.get("shop_id"),
    sessionUser: { id: owner.me.user.id, name: owner.me.user.name },
    request: { ip: null, userAgent: "vitest", requestId: null },
  });
  return result.connections[0]?.id ?? "";
}

/** Runs the queued jobs of one task in-process, oldest first, as the worker would. */
async function runJobs(task: "import-listings" | "publish-listing"): Promise<number> {
  const taskList = createTaskList({
    orm: h.orm,
    realtime: h.deps.realtime,
    mailer: createMailer({ from: "x@example.test", logger: log }),
    logger: log,
    webUrl: "http://localhost:3000",
    channels: h.deps.channels,
  });
  const jobs = await h.query<{ id: string; payload: unknown; attempts: number; max_attempts: number }>(
    `select j.id::text, j.payload, j.attempts, j.max_attempts
       from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      where t.identifier = $1 order by j.id`,
    [task],
  );
  for (const job of jobs) {
    const helpers = { job: { ...job, attempts: job.attempts + 1 } } as unknown as JobHelpers;
    try {
      await taskList[task]?.(job.payload, helpers);
    } catch (error) {
      // As graphile-worker does: the job stays queued with one more attempt.
      await h.query(`update graphile_worker._private_jobs set attempts = attempts + 1 where id = $1`, [job.id]);
      throw error;
    }
    await h.query(`select graphile_worker.complete_jobs(array[$1::bigint])`, [job.id]);
  }
  return jobs.length;
}

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError && error.code === "BAD_REQUEST") {
      const cause = error.cause as { issues?: { path: (string | number)[]; message: string }[] } | undefined;
      const out: Record<string, string[]> = {};
      for (const issue of cause?.issues ?? []) (out[issue.path.join(".")] ??= []).push(issue.message);
      return out;
    }
    throw error;
  }
  throw new Error("expected field errors");
}

const listingsOf = (connectionId: string) =>
  h.query<{
    id: string;
    external_sku: string | null;
    variant_id: string | null;
    sync_state: string;
    last_synced: Record<string, unknown> | null;
    channel_state: Record<string, unknown> | null;
  }>(
    `select id, external_sku, variant_id, sync_state, last_synced, channel_state from listing where connection_id = $1 order by external_sku`,
    [connectionId],
  );

/** Pending push jobs of these listings (one per listing: the job key coalesces). */
const jobsFor = async (listingIds: readonly string[]) =>
  (
    await h.query<{ n: number }>(`select count(*)::int as n from graphile_worker.jobs where key = any($1::text[])`, [
      listingIds.map((id) => `sync-listing:${id}`),
    ])
  )[0]?.n ?? 0;

const syncJobs = async () =>
  (
    await h.query<{ n: number }>(
      `select count(*)::int as n from graphile_worker.jobs where task_identifier = 'sync-listing'`,
    )
  )[0]?.n ?? 0;

const variantInput = (sku: string, price: number, stock: number, options: Record<string, string> = {}) => ({
  sku,
  options,
  price,
  compareAtPrice: null,
  cost: null,
  barcode: null,
  weightGrams: null as number | null,
  stockOnHand: stock,
});

let tee: Awaited<ReturnType<Signed["caller"]["catalog"]["product"]["create"]>>;
let mug: typeof tee;

beforeAll(async () => {
  sim = await startSimulator("41");
  h = await createApiHarness(sim.env);
  owner = await h.signUp("Listing Owner");
  // The catalog is in USD; the simulator's Shopee shops sell in SGD: at 1:1 their prices read as before.
  await h.query(
    `insert into exchange_rate (id, organization_id, currency, rate, rounding, set_at)
     values (gen_random_uuid(), $1, 'SGD', 1, '{"kind": "none"}', now())`,
    [owner.organizationId],
  );
  const base = {
    description: null,
    brand: null,
    categoryId: null,
    status: "active" as const,
    tags: [],
    images: [],
    attributes: [],
  };
  tee = await owner.caller.catalog.product.create({
    ...base,
    title: "Master Tee",
    variants: [variantInput("TEE-S", 1990, 10, { Size: "S" }), variantInput("TEE-M", 1990, 4, { Size: "M" })],
  });
  mug = await owner.caller.catalog.product.create({
    ...base,
    title: "Master Mug",
    variants: [variantInput("MUG-1", 1200, 7)],
  });

  shopeeShopId = (
    await sim.admin<{ shop: { shopId: string } }>("POST", "/shops", {
      platform: "shopee",
      name: "List SG",
      region: "SG",
      products: 0,
    })
  ).shop.shopId;
  await sim.admin("POST", `/shops/shopee/${shopeeShopId}/products`, {
    products: [
      {
        title: "Channel Tee",
        tiers: [{ name: "Size", options: ["S", "M"] }],
        variants: [
          { sku: " tee-s ", price: 21.5, stock: 3, tierIndex: [0] },
          { sku: "TEE-M", price: 21.5, stock: 2, tierIndex: [1] },
        ],
      },
      { title: "Mystery Gadget", variants: [{ sku: "ZZZ-1", price: 9.9, stock: 5 }] },
      { title: "Loose Lamp", variants: [{ sku: "LAMP-9", price: 30, stock: 1 }] },
    ],
  });
  // Enough products for two import pages.
  await sim.admin("POST", `/shops/shopee/${shopeeShopId}/products`, { count: 55 });
  tiktokShopId = (
    await sim.admin<{ shop: { shopId: string } }>("POST", "/shops", {
      platform: "tiktok",
      name: "List US",
      region: "US",
      products: 0,
    })
  ).shop.shopId;
  shopeeConnectionId = await connect("shopee", shopeeShopId);
  tiktokConnectionId = await connect("tiktok", tiktokShopId);
}, 90_000);

afterAll(async () => {
  await closeChannelAgent();
  sim?.stop();
  await h?.close();
});

describe("import and matching", () => {
  it("imports every channel variant page by page and links those whose SKU matches", async () => {
    const queued = await owner.caller.channels.listings.startImport({ connectionId: shopeeConnectionId });
    expect(queued.status).toBe("queued");
    await expect(
      owner.caller.channels.listings.startImport({ connectionId: shopeeConnectionId }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await runJobs("import-listings")).toBe(1);

    const rows = await listingsOf(shopeeConnectionId);
    const channelVariants = 2 + 1 + 1 + 55; // the seeded products without tiers have one variant each
    expect(rows.length).toBeGreaterThanOrEqual(channelVariants);
    const bySku = new Map(rows.map((row) => [row.external_sku, row]));
    const teeS = bySku.get("tee-s");
    expect(teeS?.variant_id).toBe(tee.variants.find((v) => v.sku === "TEE-S")?.id);
    // Linked by matching: its stock is reconciled at once (our allocation is queued for a push).
    expect(teeS?.sync_state).toBe("pending");
    expect(teeS?.channel_state).toMatchObject({ title: "Channel Tee", price: 2150, stock: 3, options: { Size: "S" } });
    expect(teeS?.last_synced).toEqual(teeS?.channel_state);
    expect(bySku.get("TEE-M")?.variant_id).toBe(tee.variants.find((v) => v.sku === "TEE-M")?.id);
    expect(bySku.get("ZZZ-1")).toMatchObject({ variant_id: null, sync_state: "unlinked" });

    const [connection] = (await owner.caller.channels.list()).filter((c) => c.id === shopeeConnectionId);
    expect(connection?.importProgress).toMatchObject({ status: "succeeded", products: 58, linked: 2, error: null });
    expect(connection?.listingCounts).toEqual({ linked: 2, unmatched: rows.length - 2, failed: 0, held: 0 });
    expect(connection?.lastImportedAt).toBeInstanceOf(Date);
    // Matching starts from the channel's state and pushes our allocation to the two linked listings.
    expect(await syncJobs()).toBe(2);
  });

  it("re-imports idempotently: same rows, channel state refreshed, links kept", async () => {
    const before = await listingsOf(shopeeConnectionId);
    const { products } = await sim.admin<{
      products: { id: string; title: string; variants: { id: string; sku: string }[] }[];
    }>("GET", `/shops/shopee/${shopeeShopId}`);
    const channelTee = products.find((p) => p.title === "Channel Tee");
    const teeM = channelTee?.variants.find((v) => v.sku === "TEE-M");
    await sim.admin("PATCH", `/shops/shopee/${shopeeShopId}/products/${channelTee?.id}/variants/${teeM?.id}`, {
      stock: 9,
    });
    await owner.caller.channels.listings.startImport({ connectionId: shopeeConnectionId });
    await runJobs("import-listings");
    const after = await listingsOf(shopeeConnectionId);
    expect(after.map((row) => [row.id, row.variant_id])).toEqual(before.map((row) => [row.id, row.variant_id]));
    const row = after.find((r) => r.external_sku === "TEE-M");
    expect(row?.channel_state).toMatchObject({ stock: 9 });
    // last_synced stays what was agreed at linking: the stock edit on the channel is drift for the sync engine.
    expect(row?.last_synced).toMatchObject({ stock: 2 });
  });
});

describe("unmatched listings", () => {
  it("lists unmatched listings with search and links one to a master variant", async () => {
    const found = await owner.caller.channels.listings.listUnmatched({
      connectionId: shopeeConnectionId,
      search: "zzz",
    });
    expect(found.total).toBe(1);
    const listing = found.rows[0]!;
    expect(listing).toMatchObject({ externalSku: "ZZZ-1", externalTitle: "Mystery Gadget", syncState: "unlinked" });

    const candidates = await owner.caller.channels.listings.searchVariants({
      connectionId: shopeeConnectionId,
      query: "mug",
    });
    expect(candidates.map((c) => c.sku)).toEqual(["MUG-1"]);
    const teeTaken = await owner.caller.channels.listings.searchVariants({
      connectionId: shopeeConnectionId,
      query: "TEE-S",
    });
    expect(teeTaken[0]).toMatchObject({ sku: "TEE-S", linkedHere: true });

    // A variant takes one listing per shop: the error names the field.
    const taken = await fieldErrorsOf(
      owner.caller.channels.listings.link({ listingId: listing.id, variantId: tee.variants[0]!.id }),
    );
    expect(taken.variantId?.[0]).toContain("already linked");

    const linked = await owner.caller.channels.listings.link({ listingId: listing.id, variantId: mug.variants[0]!.id });
    expect(linked).toMatchObject({ variantId: mug.variants[0]!.id, productId: mug.id, syncState: "pending" });
    expect(linked.channelPrice).toBe(1200);
    expect(await jobsFor([listing.id])).toBe(1);
    const audit = await h.query<{ action: string }>(`select action from audit_log where entity_id = $1`, [listing.id]);
    expect(audit.map((a) => a.action)).toEqual(["listing.link"]);
    const again = await owner.caller.channels.listings.listUnmatched({
      connectionId: shopeeConnectionId,
      search: "zzz",
    });
    expect(again.total).toBe(0);
  });

  it("creates a master product from an unmatched listing and links it", async () => {
    const [lamp] = (
      await owner.caller.channels.listings.listUnmatched({ connectionId: shopeeConnectionId, search: "LAMP-9" })
    ).rows;
    expect(lamp).toBeDefined();
    const bad = await fieldErrorsOf(
      owner.caller.channels.listings.createProduct({
        connectionId: shopeeConnectionId,
        externalProductId: lamp!.externalProductId!,
        title: "Lamp",
        variants: [{ listingId: lamp!.id, sku: "TEE-S" }],
      }),
    );
    expect(bad["variants.0.sku"]?.[0]).toContain("already used");
    const created = await owner.caller.channels.listings.createProduct({
      connectionId: shopeeConnectionId,
      externalProductId: lamp!.externalProductId!,
      title: "Loose Lamp",
      variants: [{ listingId: lamp!.id, sku: "LAMP-9" }],
    });
    const product = await owner.caller.catalog.product.get({ id: created.productId });
    expect(product).toMatchObject({ title: "Loose Lamp", status: "active" });
    expect(product.variants[0]).toMatchObject({ sku: "LAMP-9", price: 3000, stockOnHand: 1 });
    expect(created.listings[0]).toMatchObject({
      variantId: product.variants[0]!.id,
      channelPrice: 3000,
      channelStock: 1,
    });
    const audit = await h.query<{ action: string }>(
      `select action from audit_log where entity_id = $1 order by created_at`,
      [created.productId],
    );
    expect(audit.map((a) => a.action)).toEqual(["product.create", "listing.create_product"]);
  });
});

describe("overrides", () => {
  it("saves a price rule and a stock rule, computes the channel values and marks the listing for sync", async () => {
    const { listings } = await owner.caller.channels.listings.forProduct({ productId: tee.id });
    const teeS = listings.find((l) => l.variantId === tee.variants[0]!.id)!;
    expect(teeS).toMatchObject({ channelPrice: 1990, channelStock: 10 });
    const saved = await owner.caller.channels.listings.update({
      listingId: teeS.id,
      titleOverride: "Tee for Shopee",
      descriptionOverride: null,
      priceRule: "+10% .99",
      enabled: true,
    });
    expect(saved).toMatchObject({
      priceRule: { kind: "change_percent", basisPoints: 1000, ending: "99" },
      channelPrice: 2199,
      channelStock: 10,
      stockRule: null,
      inheritedStockRule: { level: "none", rule: null },
      titleOverride: "Tee for Shopee",
      syncState: "pending",
    });
    // The title is one per channel product: the sibling listing carries it too, and both are queued.
    const after = await owner.caller.channels.listings.forProduct({ productId: tee.id });
    expect(after.listings.map((l) => l.titleOverride)).toEqual(["Tee for Shopee", "Tee for Shopee"]);
    expect(await jobsFor(after.listings.map((l) => l.id))).toBe(2);

    await owner.caller.inventory.setListingRule({ listingId: teeS.id, rule: { buffer: 2, max: 5 } });
    const ruled = await owner.caller.channels.listings.forProduct({ productId: tee.id });
    expect(ruled.listings.find((l) => l.id === teeS.id)).toMatchObject({
      stockRule: { buffer: 2, max: 5 },
      channelStock: 5,
    });
    const errors = await fieldErrorsOf(
      owner.caller.inventory.setListingRule({ listingId: teeS.id, rule: { buffer: -1, percent: 101 } }),
    );
    expect(Object.keys(errors).sort()).toEqual(["rule.buffer", "rule.percent"]);
    const preferred = await fieldErrorsOf(
      owner.caller.inventory.setListingRule({
        listingId: teeS.id,
        rule: { stopExceptConnectionId: tiktokConnectionId },
      }),
    );
    expect(Object.keys(preferred)).toEqual(["rule.stopBelow"]);
    const rule = await fieldErrorsOf(
      owner.caller.channels.listings.update({
        listingId: teeS.id,
        titleOverride: null,
        descriptionOverride: null,
        priceRule: "cheap",
        enabled: true,
      }),
    );
    expect(rule.priceRule?.[0]).toContain("is not a price or rule");
    const unchanged = await owner.caller.channels.listings.forProduct({ productId: tee.id });
    expect(unchanged.listings.find((l) => l.id === teeS.id)?.channelPrice).toBe(2199);

    const disabled = await owner.caller.channels.listings.update({
      listingId: teeS.id,
      titleOverride: "Tee for Shopee",
      descriptionOverride: null,
      priceRule: "+10% .99",
      enabled: false,
    });
    expect(disabled.syncState).toBe("disabled");
    const audit = await h.query<{ action: string }>(`select action from audit_log where entity_id = $1`, [teeS.id]);
    expect(audit.map((a) => a.action)).toEqual([
      "listing.update_overrides",
      "listing.stock_rule",
      "listing.update_overrides",
    ]);
  });

  it("gives the grid its per-channel prices", async () => {
    const prices = await owner.caller.channels.listings.gridPrices({ variantIds: tee.variants.map((v) => v.id) });
    expect(prices.connections.map((c) => c.id).sort()).toEqual([shopeeConnectionId, tiktokConnectionId].sort());
    expect(prices.prices.find((p) => p.variantId === tee.variants[0]!.id)).toMatchObject({
      connectionId: shopeeConnectionId,
      price: 2199,
    });
  });
});

describe("publishing", () => {
  it("refuses a product that misses what TikTok Shop requires, at the fields, sending nothing", async () => {
    const errors = await fieldErrorsOf(
      owner.caller.channels.listings.publish({
        productId: tee.id,
        connectionId: tiktokConnectionId,
        categoryId: "600001",
        brandId: null,
        logisticsChannelId: null,
        warehouseId: null,
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(
      ["description", "images", "variants.0.weightGrams", "variants.1.weightGrams", "warehouseId"].sort(),
    );
    const rows = await h.query(`select 1 from listing where connection_id = $1`, [tiktokConnectionId]);
    expect(rows).toHaveLength(0);
    const jobs = await h.query(`select 1 from graphile_worker.jobs where task_identifier = 'publish-listing'`);
    expect(jobs).toHaveLength(0);
  });

  it("creates the product on TikTok Shop with its SKUs and stores the external ids", async () => {
    const current = await owner.caller.catalog.product.get({ id: tee.id });
    await owner.caller.catalog.product.update({
      id: tee.id,
      productVersion: current.version,
      title: current.title,
      description: "A soft cotton tee in two sizes.",
      brand: null,
      categoryId: null,
      status: "active",
      tags: [],
      images: ["https://example.test/tee.jpg"],
      attributes: [],
      removedVariantIds: [],
      variants: current.variants.map((v) => ({
        id: v.id,
        version: v.version,
        sku: v.sku,
        options: v.options,
        price: v.price,
        compareAtPrice: null,
        cost: null,
        barcode: null,
        weightGrams: 250,
        stockOnHand: v.stockOnHand,
      })),
    });
    const { shop } = await sim.admin<{ shop: { locations: string[] } }>("GET", `/shops/tiktok/${tiktokShopId}`);
    const published = await owner.caller.channels.listings.publish({
      productId: tee.id,
      connectionId: tiktokConnectionId,
      categoryId: "600001",
      brandId: null,
      logisticsChannelId: null,
      warehouseId: shop.locations[0]!,
    });
    expect(published.listingIds).toHaveLength(2);
    expect(await runJobs("publish-listing")).toBe(1);

    const { listings } = await owner.caller.channels.listings.forProduct({ productId: tee.id });
    const onTikTok = listings.filter((l) => l.connectionId === tiktokConnectionId);
    expect(onTikTok.map((l) => l.syncState)).toEqual(["in_sync", "in_sync"]);
    expect(onTikTok.every((l) => l.externalProductId && l.externalVariantId)).toBe(true);
    const { products } = await sim.admin<{
      products: { id: string; title: string; variants: { id: string; sku: string; price: number }[] }[];
    }>("GET", `/shops/tiktok/${tiktokShopId}`);
    const created = products.find((p) => p.id === onTikTok[0]!.externalProductId);
    expect(created?.title).toBe("Master Tee");
    expect(created?.variants.map((v) => [v.id, v.sku, v.price])).toEqual(
      onTikTok.map((l) => [l.externalVariantId, l.externalSku, 19.9]),
    );
    const logs = await h.query<{ operation: string; outcome: string }>(
      `select operation, outcome from sync_log where connection_id = $1`,
      [tiktokConnectionId],
    );
    expect(logs).toEqual([
      { operation: "create", outcome: "succeeded" },
      { operation: "create", outcome: "succeeded" },
    ]);
    // Published: a second publish is refused, and the job has nothing left to do.
    await expect(
      owner.caller.channels.listings.publish({
        productId: tee.id,
        connectionId: tiktokConnectionId,
        categoryId: "600001",
        brandId: null,
        logisticsChannelId: null,
        warehouseId: shop.locations[0]!,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("marks the listings failed with the platform's reason when the platform refuses", async () => {
    const base = {
      description: "Stoneware mug, 350 ml.",
      brand: null,
      categoryId: null,
      status: "active" as const,
      tags: [],
      images: ["https://example.test/cup.jpg"],
      attributes: [],
    };
    const cup = await owner.caller.catalog.product.create({
      ...base,
      title: "Master Cup",
      variants: [{ ...variantInput("CUP-1", 1500, 3), weightGrams: 400 }],
    });
    await owner.caller.channels.listings.publish({
      productId: cup.id,
      connectionId: shopeeConnectionId,
      categoryId: "0",
      brandId: null,
      logisticsChannelId: "10001",
      warehouseId: null,
    });
    await runJobs("publish-listing");
    const { listings } = await owner.caller.channels.listings.forProduct({ productId: cup.id });
    expect(listings[0]).toMatchObject({ syncState: "failed", lastErrorCode: "VALIDATION", externalProductId: null });
    expect(listings[0]?.lastError).toContain("category_id");

    // Fixed and published again: the same listing row is reused and created on Shopee.
    await owner.caller.channels.listings.publish({
      productId: cup.id,
      connectionId: shopeeConnectionId,
      categoryId: "100001",
      brandId: null,
      logisticsChannelId: "10001",
      warehouseId: null,
    });
    await runJobs("publish-listing");
    const after = await owner.caller.channels.listings.forProduct({ productId: cup.id });
    expect(after.listings).toHaveLength(1);
    expect(after.listings[0]).toMatchObject({ id: listings[0]!.id, syncState: "in_sync", externalVariantId: "0" });
  });
});

describe("import under marketplace faults", () => {
  it("waits out the platform's rate limit page by page and finishes", async () => {
    await sim.admin("POST", `/shops/tiktok/${tiktokShopId}/products`, { count: 120 });
    await sim.admin("DELETE", `/shops/tiktok/${tiktokShopId}/requests`);
    await sim.admin("PUT", `/shops/tiktok/${tiktokShopId}/faults`, { rateLimitPerSecond: 1, rateLimitScope: "shop" });
    try {
      await owner.caller.channels.listings.startImport({ connectionId: tiktokConnectionId });
      await runJobs("import-listings");
    } finally {
      await sim.admin("DELETE", `/shops/tiktok/${tiktokShopId}/faults`);
    }
    const stats = await sim.admin<{ rejected: number; accepted: number }>(
      "GET",
      `/shops/tiktok/${tiktokShopId}/requests`,
    );
    expect(stats.rejected).toBeGreaterThan(0);
    const [connection] = (await owner.caller.channels.list()).filter((c) => c.id === tiktokConnectionId);
    expect(connection?.importProgress).toMatchObject({ status: "succeeded", error: null });
    expect(connection?.importProgress?.products).toBeGreaterThanOrEqual(121);
  });

  it("retries 5xx, keeps the import running between attempts, and fails it after the last attempt", async () => {
    await sim.admin("PUT", `/shops/tiktok/${tiktokShopId}/faults`, { errorRate: 1 });
    try {
      await owner.caller.channels.listings.startImport({ connectionId: tiktokConnectionId });
      await expect(runJobs("import-listings")).rejects.toMatchObject({ code: "TRANSIENT" });
      let [connection] = (await owner.caller.channels.list()).filter((c) => c.id === tiktokConnectionId);
      expect(connection?.importProgress).toMatchObject({ status: "running" });
      expect(connection?.importProgress?.error).toContain("Retrying after");
      // The last attempt gives up and says why; a new import may then start.
      await h.query(
        `update graphile_worker._private_jobs set attempts = max_attempts - 1
          where task_id = (select id from graphile_worker._private_tasks where identifier = 'import-listings')`,
      );
      await runJobs("import-listings");
      [connection] = (await owner.caller.channels.list()).filter((c) => c.id === tiktokConnectionId);
      expect(connection?.importProgress).toMatchObject({ status: "failed" });
    } finally {
      await sim.admin("DELETE", `/shops/tiktok/${tiktokShopId}/faults`);
    }
    await owner.caller.channels.listings.startImport({ connectionId: tiktokConnectionId });
    await runJobs("import-listings");
    const [connection] = (await owner.caller.channels.list()).filter((c) => c.id === tiktokConnectionId);
    expect(connection?.importProgress).toMatchObject({ status: "succeeded" });
  });
});

describe("listings deleted on the channel", () => {
  const deletedOn = (connectionId: string) =>
    h.query<{ id: string; variant_id: string | null; channel_status: string; sync_state: string }>(
      `select id, variant_id, channel_status, sync_state from listing
        where connection_id = $1 and last_error_code = 'CHANNEL_DELETED' order by id`,
      [connectionId],
    );

  it("marks listings a complete re-import no longer finds as deleted, and keeps them out of pushes", async () => {
    const { listings } = await owner.caller.channels.listings.forProduct({ productId: tee.id });
    const onTikTok = listings.filter((l) => l.connectionId === tiktokConnectionId);
    expect(onTikTok).toHaveLength(2);
    const externalId = onTikTok[0]!.externalProductId!;
    await sim.admin("DELETE", `/shops/tiktok/${tiktokShopId}/products/${externalId}`);
    const [mugOnShopee] = (await owner.caller.channels.listings.forProduct({ productId: mug.id })).listings;
    await sim.admin("DELETE", `/shops/shopee/${shopeeShopId}/products/${mugOnShopee!.externalProductId}`);

    for (const connectionId of [tiktokConnectionId, shopeeConnectionId]) {
      await owner.caller.channels.listings.startImport({ connectionId });
      await runJobs("import-listings");
    }
    const gone = await deletedOn(tiktokConnectionId);
    expect(gone.map((row) => row.id).sort()).toEqual(onTikTok.map((l) => l.id).sort());
    expect(gone.every((row) => row.channel_status === "DELETED" && row.sync_state === "failed")).toBe(true);
    const goneShopee = await deletedOn(shopeeConnectionId);
    expect(goneShopee.map((row) => row.id)).toEqual([mugOnShopee!.id]);
    const after = await owner.caller.channels.listings.forProduct({ productId: tee.id });
    expect(after.listings.find((l) => l.id === onTikTok[0]!.id)).toMatchObject({
      channelStatus: "DELETED",
      syncState: "failed",
      lastErrorCode: "CHANNEL_DELETED",
    });
    expect(after.listings.find((l) => l.id === onTikTok[0]!.id)?.lastError).toContain("TikTok Shop");

    // A master edit queues the live listings only.
    const current = await owner.caller.catalog.product.get({ id: tee.id });
    await owner.caller.catalog.product.update({
      id: tee.id,
      productVersion: current.version,
      title: current.title,
      description: current.description,
      brand: null,
      categoryId: null,
      status: "active",
      tags: [],
      images: current.images,
      attributes: [],
      removedVariantIds: [],
      variants: current.variants.map((v) => ({
        id: v.id,
        version: v.version,
        sku: v.sku,
        options: v.options,
        price: v.price + 100,
        compareAtPrice: null,
        cost: null,
        barcode: null,
        weightGrams: v.weightGrams,
        stockOnHand: v.stockOnHand,
      })),
    });
    const queued = await h.query<{ key: string }>(
      `select key from graphile_worker.jobs where task_identifier = 'sync-listing' and key = any($1::text[])`,
      [onTikTok.map((l) => `sync-listing:${l.id}`)],
    );
    expect(queued).toHaveLength(0);
    expect((await deletedOn(tiktokConnectionId)).every((row) => row.sync_state === "failed")).toBe(true);
    const teeM = after.listings.find((l) => l.connectionId === shopeeConnectionId && l.externalSku === "TEE-M");
    expect(
      await h.query(`select 1 from graphile_worker.jobs where key = $1`, [`sync-listing:${teeM!.id}`]),
    ).toHaveLength(1);

    // A third import finds nothing new to mark.
    await owner.caller.channels.listings.startImport({ connectionId: tiktokConnectionId });
    await runJobs("import-listings");
    expect(await deletedOn(tiktokConnectionId)).toHaveLength(2);
  });

  it("publishes a product deleted on the channel again as a new channel product", async () => {
    const { shop } = await sim.admin<{ shop: { locations: string[] } }>("GET", `/shops/tiktok/${tiktokShopId}`);
    const before = (await owner.caller.channels.listings.forProduct({ productId: tee.id })).listings.filter(
      (l) => l.connectionId === tiktokConnectionId,
    );
    await owner.caller.channels.listings.publish({
      productId: tee.id,
      connectionId: tiktokConnectionId,
      categoryId: "600001",
      brandId: null,
      logisticsChannelId: null,
      warehouseId: shop.locations[0]!,
    });
    expect(await runJobs("publish-listing")).toBe(1);
    const after = (await owner.caller.channels.listings.forProduct({ productId: tee.id })).listings.filter(
      (l) => l.connectionId === tiktokConnectionId,
    );
    expect(after.map((l) => l.id)).toEqual(before.map((l) => l.id));
    expect(after.map((l) => [l.syncState, l.lastErrorCode])).toEqual([
      ["in_sync", null],
      ["in_sync", null],
    ]);
    expect(after[0]!.externalProductId).not.toBe(before[0]!.externalProductId);
    expect(after[0]!.channelStatus).toBeNull();
    expect(
      await h.query(`select 1 from listing where last_error_code = 'CHANNEL_DELETED' and connection_id = $1`, [
        tiktokConnectionId,
      ]),
    ).toHaveLength(0);
  });
});

describe("variants added after publishing", () => {
  /** Saves the tee with its variants as they are plus `extra` (new variants have no id). */
  async function saveTee(extra: ReturnType<typeof variantInput>[], weightOf: (sku: string) => number | null) {
    const current = await owner.caller.catalog.product.get({ id: tee.id });
    await owner.caller.catalog.product.update({
      id: tee.id,
      productVersion: current.version,
      title: current.title,
      description: current.description,
      brand: null,
      categoryId: null,
      status: "active",
      tags: [],
      images: current.images,
      attributes: [],
      removedVariantIds: [],
      variants: [
        ...current.variants.map((v) => ({
          id: v.id,
          version: v.version,
          sku: v.sku,
          options: v.options,
          price: v.price,
          compareAtPrice: null,
          cost: null,
          barcode: null,
          weightGrams: weightOf(v.sku) ?? v.weightGrams,
          stockOnHand: v.stockOnHand,
        })),
        ...extra,
      ],
    });
  }
  const tiktokRows = async () =>
    (await owner.caller.channels.listings.forProduct({ productId: tee.id })).listings.filter(
      (l) => l.connectionId === tiktokConnectionId,
    );

  it("adds a new master variant to the existing TikTok Shop product, validated first, failures with the platform's reason", async () => {
    await saveTee([variantInput("TEE-L", 2190, 6, { Size: "L" })], () => null);
    const teeL = (await owner.caller.catalog.product.get({ id: tee.id })).variants.find((v) => v.sku === "TEE-L")!;
    const before = await tiktokRows();
    expect(before).toHaveLength(2);
    const { shop } = await sim.admin<{ shop: { locations: string[] } }>("GET", `/shops/tiktok/${tiktokShopId}`);
    const publish = (warehouseId: string | null) =>
      owner.caller.channels.listings.publish({
        productId: tee.id,
        connectionId: tiktokConnectionId,
        categoryId: "600001",
        brandId: null,
        logisticsChannelId: null,
        warehouseId,
      });

    // Only what the new variant lacks (and the warehouse) is reported; nothing is queued.
    const errors = await fieldErrorsOf(publish(null));
    expect(Object.keys(errors).sort()).toEqual(["variants.2.weightGrams", "warehouseId"]);
    expect(await h.query(`select 1 from listing where variant_id = $1`, [teeL.id])).toHaveLength(0);
    await saveTee([], (sku) => (sku === "TEE-L" ? 250 : null));

    // The platform refuses an unknown warehouse: the new listing fails with its reason, the others stay.
    const refused = await publish("WH-NOPE");
    expect(refused.listingIds).toHaveLength(1);
    expect(await runJobs("publish-listing")).toBe(1);
    let rows = await tiktokRows();
    const failed = rows.find((l) => l.variantId === teeL.id);
    expect(failed).toMatchObject({ syncState: "failed", lastErrorCode: "VALIDATION", externalProductId: null });
    expect(failed?.lastError).toContain("warehouse_id");
    expect(rows.filter((l) => l.id !== failed?.id).map((l) => l.syncState)).toEqual(["in_sync", "in_sync"]);

    await publish(shop.locations[0]!);
    expect(await runJobs("publish-listing")).toBe(1);
    rows = await tiktokRows();
    const added = rows.find((l) => l.variantId === teeL.id);
    expect(added).toMatchObject({
      id: failed!.id,
      syncState: "in_sync",
      externalProductId: before[0]!.externalProductId,
      externalSku: "TEE-L",
      lastErrorCode: null,
    });
    expect(added?.externalVariantId).toBeTruthy();
    const { products } = await sim.admin<{
      products: { id: string; variants: { id: string; sku: string; price: number; stock: unknown }[] }[];
    }>("GET", `/shops/tiktok/${tiktokShopId}`);
    const onShop = products.find((p) => p.id === before[0]!.externalProductId);
    expect(onShop?.variants.map((v) => [v.id, v.sku])).toEqual([
      ...before.map((l) => [l.externalVariantId, l.externalSku]),
      [added?.externalVariantId, "TEE-L"],
    ]);
    expect(onShop?.variants.at(-1)).toMatchObject({
      price: 21.9,
      stock: [{ locationId: shop.locations[0], stock: 6 }],
    });
    const logs = await h.query<{ outcome: string; error_code: string | null }>(
      `select outcome, error_code from sync_log where listing_id = $1 and operation = 'create' order by created_at`,
      [added!.id],
    );
    expect(logs).toEqual([
      { outcome: "failed", error_code: "VALIDATION" },
      { outcome: "succeeded", error_code: null },
    ]);
    const audit = await h.query<{ action: string }>(
      `select action from audit_log where entity_id = $1 and action = 'listing.add_variants'`,
      [tee.id],
    );
    expect(audit).toHaveLength(2);
    // Nothing left to add: publishing again is refused.
    await expect(publish(shop.locations[0]!)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("adds the new variant to the imported Shopee item as a model with a new tier option", async () => {
    const teeL = (await owner.caller.catalog.product.get({ id: tee.id })).variants.find((v) => v.sku === "TEE-L")!;
    const before = (await owner.caller.channels.listings.forProduct({ productId: tee.id })).listings.filter(
      (l) => l.connectionId === shopeeConnectionId,
    );
    expect(before.some((l) => l.variantId === teeL.id)).toBe(false);
    const { listingIds } = await owner.caller.channels.listings.publish({
      productId: tee.id,
      connectionId: shopeeConnectionId,
      categoryId: "100001",
      brandId: null,
      logisticsChannelId: "10001",
      warehouseId: null,
    });
    expect(listingIds).toHaveLength(1);
    expect(await runJobs("publish-listing")).toBe(1);
    const [added] = (await owner.caller.channels.listings.forProduct({ productId: tee.id })).listings.filter(
      (l) => l.variantId === teeL.id && l.connectionId === shopeeConnectionId,
    );
    expect(added).toMatchObject({
      syncState: "in_sync",
      externalProductId: before[0]!.externalProductId,
      externalSku: "TEE-L",
      channelPrice: 2190,
    });
    const row = (await listingsOf(shopeeConnectionId)).find((l) => l.id === added!.id);
    expect(row?.last_synced).toMatchObject({ price: 2190, stock: 6 });
    const { products } = await sim.admin<{
      products: { id: string; tiers: { name: string; options: string[] }[]; variants: { id: string; sku: string }[] }[];
    }>("GET", `/shops/shopee/${shopeeShopId}`);
    const item = products.find((p) => p.id === before[0]!.externalProductId);
    expect(item?.tiers).toEqual([{ name: "Size", options: ["S", "M", "L"] }]);
    expect(item?.variants.map((v) => v.sku)).toEqual([" tee-s ", "TEE-M", "TEE-L"]);
    expect(item?.variants.at(-1)?.id).toBe(added?.externalVariantId);
    const logs = await h.query<{ outcome: string }>(
      `select outcome from sync_log where listing_id = $1 and operation = 'create'`,
      [added!.id],
    );
    expect(logs).toEqual([{ outcome: "succeeded" }]);
  });
});
