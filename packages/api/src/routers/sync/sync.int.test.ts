import { variantSyncStatuses } from "@syncstore/domain";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";

let h: ApiHarness;
type Signed = Awaited<ReturnType<ApiHarness["signUp"]>>;
let owner: Signed;
let stranger: Signed;
let viewer: Awaited<ReturnType<ApiHarness["callerFor"]>>;

const id = () => crypto.randomUUID();
const a = {
  products: [id(), id()],
  variants: [id(), id(), id(), id()],
  shopee: id(),
  tiktok: id(),
  /** in_sync on shopee (product 0) */
  inSync: id(),
  /** failed on shopee (product 0) */
  failedShopee: id(),
  /** failed on tiktok (product 0) */
  failedTiktok: id(),
  /** in_sync on tiktok (product 1) */
  tiktokOther: id(),
  unpublished: id(),
};
const b = { product: id(), variant: id(), connection: id(), listing: id() };
const logs = { recentFail: id(), oldSuccess: id() };

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

async function seedOrg(
  organizationId: string,
  rows: {
    products: string[];
    variants: [string, string][];
    connections: [string, "shopee" | "tiktok"][];
    listings: {
      id: string;
      connection: string;
      variant: string;
      product: string;
      state: string;
      external?: string | null;
    }[];
  },
) {
  for (const [index, product] of rows.products.entries()) {
    await h.query(`insert into product (id, organization_id, title) values ($1, $2, $3)`, [
      product,
      organizationId,
      `Product ${index}`,
    ]);
  }
  for (const [index, [variant, product]] of rows.variants.entries()) {
    await h.query(`insert into variant (id, organization_id, product_id, sku, position) values ($1, $2, $3, $4, $5)`, [
      variant,
      organizationId,
      product,
      `SKU-${variant.slice(0, 6)}`,
      index,
    ]);
  }
  for (const [connection, platform] of rows.connections) {
    await h.query(
      `insert into channel_connection (id, organization_id, platform, external_shop_id, name) values ($1, $2, $3, $4, $5)`,
      [connection, organizationId, platform, connection.slice(0, 8), `${platform} shop`],
    );
  }
  for (const listing of rows.listings) {
    await h.query(
      `insert into listing (id, organization_id, connection_id, variant_id, product_id, external_product_id, external_variant_id, sync_state, last_error)
       values ($1, $2, $3, $4, $5, $6, $6, $7, $8)`,
      [
        listing.id,
        organizationId,
        listing.connection,
        listing.variant,
        listing.product,
        listing.external === undefined ? `ext-${listing.id.slice(0, 8)}` : listing.external,
        listing.state,
        listing.state === "failed" ? "Price must be positive" : null,
      ],
    );
  }
}

async function log(
  organizationId: string,
  row: { id?: string; connection: string; listing: string; outcome: string; minutesAgo: number; requestId?: string },
) {
  await h.query(
    `insert into sync_log (id, organization_id, connection_id, listing_id, operation, before, after, outcome, duration_ms, request_id, error, created_at)
     values ($1, $2, $3, $4, 'price', '{"price": 1000}', '{"price": 1200}', $5, 42, $6, $7, now() - make_interval(mins => $8))`,
    [
      row.id ?? id(),
      organizationId,
      row.connection,
      row.listing,
      row.outcome,
      row.requestId ?? null,
      row.outcome === "failed" ? "Price must be positive" : null,
      row.minutesAgo,
    ],
  );
}

const jobsFor = (listingIds: string[]) =>
  h.query<{ listing_id: string; priority: number }>(
    `select j.payload->>'listingId' as listing_id, j.priority from graphile_worker._private_jobs j
       join graphile_worker._private_tasks t on t.id = j.task_id
      where t.identifier = 'sync-listing' and j.payload->>'listingId' = any($1::text[])`,
    [listingIds],
  );
const stateOf = async (listingId: string) =>
  (
    await h.query<{ sync_state: string; sync_run_id: string | null }>(
      `select sync_state, sync_run_id from listing where id = $1`,
      [listingId],
    )
  )[0];
const clearJobs = () => h.query(`delete from graphile_worker._private_jobs`);

beforeAll(async () => {
  h = await createApiHarness();
  owner = await h.signUp("Sync Owner");
  stranger = await h.signUp("Sync Stranger");
  const colleague = await h.signUp("Sync Viewer");
  await h.addMember(owner.organizationId, colleague.me.user.id, "viewer");
  await colleague.caller.organization.setActive({ organizationId: owner.organizationId });
  viewer = await h.callerFor(colleague.cookie);

  const [p0, p1] = a.products as [string, string];
  const [v0, v1, v2, v3] = a.variants as [string, string, string, string];
  await seedOrg(owner.organizationId, {
    products: a.products,
    variants: [
      [v0, p0],
      [v1, p0],
      [v2, p1],
      [v3, p1],
    ],
    connections: [
      [a.shopee, "shopee"],
      [a.tiktok, "tiktok"],
    ],
    listings: [
      { id: a.inSync, connection: a.shopee, variant: v0, product: p0, state: "in_sync" },
      { id: a.failedShopee, connection: a.shopee, variant: v1, product: p0, state: "failed" },
      { id: a.failedTiktok, connection: a.tiktok, variant: v0, product: p0, state: "failed" },
      { id: a.tiktokOther, connection: a.tiktok, variant: v2, product: p1, state: "in_sync" },
      { id: a.unpublished, connection: a.shopee, variant: v2, product: p1, state: "pending", external: null },
    ],
  });
  await seedOrg(stranger.organizationId, {
    products: [b.product],
    variants: [[b.variant, b.product]],
    connections: [[b.connection, "shopee"]],
    listings: [{ id: b.listing, connection: b.connection, variant: b.variant, product: b.product, state: "failed" }],
  });
  await log(owner.organizationId, {
    id: logs.recentFail,
    connection: a.shopee,
    listing: a.failedShopee,
    outcome: "failed",
    minutesAgo: 5,
    requestId: "req-1",
  });
  await log(owner.organizationId, { connection: a.shopee, listing: a.inSync, outcome: "succeeded", minutesAgo: 3 });
  await log(owner.organizationId, { connection: a.shopee, listing: a.inSync, outcome: "succeeded", minutesAgo: 2 });
  await log(owner.organizationId, { connection: a.tiktok, listing: a.failedTiktok, outcome: "failed", minutesAgo: 1 });
  await log(owner.organizationId, {
    connection: a.tiktok,
    listing: a.tiktokOther,
    outcome: "succeeded",
    minutesAgo: 30,
  });
  await log(owner.organizationId, {
    id: logs.oldSuccess,
    connection: a.tiktok,
    listing: a.tiktokOther,
    outcome: "succeeded",
    minutesAgo: 3 * 24 * 60,
  });
  await log(stranger.organizationId, {
    connection: b.connection,
    listing: b.listing,
    outcome: "failed",
    minutesAgo: 1,
  });
}, 60_000);

afterAll(() => h?.close());

describe("sync.overview", () => {
  it("counts each shop's listings by state and the last hour's attempts", async () => {
    const overview = await viewer.sync.overview();
    const shopee = overview.channels.find((c) => c.connectionId === a.shopee);
    const tiktok = overview.channels.find((c) => c.connectionId === a.tiktok);
    expect(overview.channels).toHaveLength(2);
    // The unpublished listing is pending too: it is linked and enabled (the engine will create it).
    expect(shopee).toMatchObject({
      inSync: 1,
      failed: 1,
      pending: 1,
      syncing: 0,
      failedLastHour: 1,
      pushedLastHour: 2,
      paused: false,
    });
    expect(tiktok).toMatchObject({ inSync: 1, failed: 1, pending: 0, failedLastHour: 1, pushedLastHour: 1 });
  });

  it("gives pushes per minute over the last hour and the latest attempts of this organization only", async () => {
    const overview = await owner.caller.sync.overview();
    expect(overview.throughput).toHaveLength(60);
    expect(overview.throughput.reduce((sum, m) => sum + m.succeeded, 0)).toBe(3);
    expect(overview.throughput.reduce((sum, m) => sum + m.failed, 0)).toBe(2);
    expect(overview.recent).toHaveLength(6);
    expect(overview.recent.every((attempt) => attempt.connection.id !== b.connection)).toBe(true);
    expect(overview.recent[0]).toMatchObject({
      listingId: a.failedTiktok,
      outcome: "failed",
      productTitle: "Product 0",
    });
  });
});

describe("catalog grid sync column", () => {
  const statusOf = async (filter?: { syncStatus: ("failed" | "pending" | "in_sync" | "not_listed")[] }) => {
    const { rows } = await owner.caller.catalog.listVariants({ startRow: 0, endRow: 100, filter });
    return new Map(rows.map((row) => [row.variantId, row]));
  };

  it("shows the worst state of each variant's listings, with the failed listing's reason and shop", async () => {
    const rows = await statusOf();
    const [v0, v1, v2, v3] = a.variants as [string, string, string, string];
    expect(rows.get(v0)).toMatchObject({
      syncStatus: "failed",
      syncError: "Price must be positive",
      syncChannel: "tiktok shop",
    });
    expect(rows.get(v1)?.syncStatus).toBe("failed");
    expect(rows.get(v2)).toMatchObject({ syncStatus: "pending", syncError: null });
    expect(rows.get(v3)).toMatchObject({ syncStatus: "not_listed", syncChannel: null });
  });

  it("filters by sync status, not listed included", async () => {
    const [v0, v1, v2, v3] = a.variants as [string, string, string, string];
    expect([...(await statusOf({ syncStatus: ["failed"] })).keys()].sort()).toEqual([v0, v1].sort());
    expect([...(await statusOf({ syncStatus: ["pending", "not_listed"] })).keys()].sort()).toEqual([v2, v3].sort());
    expect((await statusOf({ syncStatus: ["in_sync"] })).size).toBe(0);
    // A requested state counts when nothing worse is listed, or the worse state is requested too.
    expect([...(await statusOf({ syncStatus: ["in_sync", "pending"] })).keys()]).toEqual([v2]);
    expect([...(await statusOf({ syncStatus: ["failed", "not_listed"] })).keys()].sort()).toEqual([v0, v1, v3].sort());
  });
});

describe("catalog grid sync filter, every combination", () => {
  it("returns exactly the variants whose status (as the Sync column shows it) is one of the requested", async () => {
    // Beside the fixture: in sync on one shop only; a failed listing switched off and a listing in an
    // unranked state (neither counts: not listed); syncing next to conflict (conflict is worse).
    const product = crypto.randomUUID();
    const [inSyncOnly, switchedOff, syncingConflict] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await h.query(`insert into product (id, organization_id, title) values ($1, $2, 'Product extra')`, [
      product,
      owner.organizationId,
    ]);
    for (const [index, variant] of [inSyncOnly, switchedOff, syncingConflict].entries()) {
      await h.query(
        `insert into variant (id, organization_id, product_id, sku, position) values ($1, $2, $3, $4, $5)`,
        [variant, owner.organizationId, product, `SKU-EXTRA-${index}`, index],
      );
    }
    const extra: [string, string, string, boolean][] = [
      [a.shopee, inSyncOnly, "in_sync", true],
      [a.shopee, switchedOff, "failed", false],
      [a.tiktok, switchedOff, "unlinked", true],
      [a.shopee, syncingConflict, "syncing", true],
      [a.tiktok, syncingConflict, "conflict", true],
    ];
    try {
      for (const [connection, variant, state, enabled] of extra) {
        await h.query(
          `insert into listing (id, organization_id, connection_id, variant_id, product_id, external_product_id, external_variant_id, sync_state, enabled)
           values (gen_random_uuid(), $1, $2, $3, $4, $5, $5, $6, $7)`,
          [owner.organizationId, connection, variant, product, `extra-${variant.slice(0, 8)}`, state, enabled],
        );
      }
      const { rows: all } = await owner.caller.catalog.listVariants({ startRow: 0, endRow: 100 });
      const statusOf = new Map(all.map((row) => [row.variantId, row.syncStatus]));
      expect([statusOf.get(inSyncOnly), statusOf.get(switchedOff), statusOf.get(syncingConflict)]).toEqual([
        "in_sync",
        "not_listed",
        "conflict",
      ]);
      for (let mask = 1; mask < 2 ** variantSyncStatuses.length; mask++) {
        const syncStatus = variantSyncStatuses.filter((_, bit) => mask & (1 << bit));
        const { rows, total } = await owner.caller.catalog.listVariants({
          startRow: 0,
          endRow: 100,
          filter: { syncStatus },
        });
        // In the grid's order (the unfiltered list's), also when paged two rows at a time.
        const expected = all.filter((row) => syncStatus.includes(row.syncStatus)).map((row) => row.variantId);
        const paged: string[] = [];
        for (let startRow = 0; startRow <= expected.length; startRow += 2) {
          const page = await owner.caller.catalog.listVariants({
            startRow,
            endRow: startRow + 2,
            filter: { syncStatus },
          });
          paged.push(...page.rows.map((row) => row.variantId));
        }
        expect({ syncStatus, ids: rows.map((row) => row.variantId), paged, total }).toEqual({
          syncStatus,
          ids: expected,
          paged: expected,
          total: expected.length,
        });
      }
    } finally {
      await h.query(`delete from listing where product_id = $1`, [product]);
      await h.query(`delete from variant where product_id = $1`, [product]);
      await h.query(`delete from product where id = $1`, [product]);
    }
  });
});

describe("sync.history", () => {
  it("filters by channel, product, outcome and time", async () => {
    const byChannel = await owner.caller.sync.history({ connectionId: a.tiktok });
    expect(byChannel.items.map((i) => i.connection.id)).toEqual([a.tiktok, a.tiktok, a.tiktok]);
    const byProduct = await owner.caller.sync.history({ productId: a.products[1] });
    expect(byProduct.items.every((i) => i.listingId === a.tiktokOther)).toBe(true);
    expect(byProduct.items).toHaveLength(2);
    const failed = await owner.caller.sync.history({ outcomes: ["failed"] });
    expect(failed.items.map((i) => i.id)).toContain(logs.recentFail);
    expect(failed.items).toHaveLength(2);
    const lastDay = await owner.caller.sync.history({ from: new Date(Date.now() - 24 * 3600_000) });
    expect(lastDay.items.map((i) => i.id)).not.toContain(logs.oldSuccess);
    expect(lastDay.items).toHaveLength(5);
    const older = await owner.caller.sync.history({ to: new Date(Date.now() - 24 * 3600_000) });
    expect(older.items.map((i) => i.id)).toEqual([logs.oldSuccess]);
  });

  it("shows each attempt's before, after, error, request id and duration", async () => {
    const { items } = await owner.caller.sync.history({ outcomes: ["failed"], connectionId: a.shopee });
    expect(items[0]).toMatchObject({
      id: logs.recentFail,
      before: { price: 1000 },
      after: { price: 1200 },
      error: "Price must be positive",
      requestId: "req-1",
      durationMs: 42,
      operation: "price",
    });
  });

  it("pages with a keyset cursor without repeats or gaps", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      // The web client pages with tRPC infinite queries, which add `direction`.
      const page = await owner.caller.sync.history({ limit: 2, cursor, direction: "forward" });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it("never shows another organization's attempts and refuses bad input", async () => {
    expect((await owner.caller.sync.history({ connectionId: b.connection })).items).toEqual([]);
    expect((await stranger.caller.sync.history({})).items).toHaveLength(1);
    expect(await codeOf(owner.caller.sync.history({ cursor: "garbage" }))).toBe("BAD_REQUEST");
    expect(await codeOf(owner.caller.sync.history({ from: new Date(), to: new Date(Date.now() - 1000) }))).toBe(
      "BAD_REQUEST",
    );
  });
});

describe("sync.productStatus", () => {
  it("lists the product's listings with state and its latest attempts", async () => {
    const status = await viewer.sync.productStatus({ productId: a.products[0]! });
    expect(status.listings.map((l) => [l.listingId, l.syncState]).sort()).toEqual(
      [
        [a.inSync, "in_sync"],
        [a.failedShopee, "failed"],
        [a.failedTiktok, "failed"],
      ].sort(),
    );
    expect(status.listings.find((l) => l.listingId === a.failedShopee)?.lastError).toBe("Price must be positive");
    expect(status.attempts).toHaveLength(4);
    expect(await codeOf(stranger.caller.sync.productStatus({ productId: a.products[0]! }))).toBe("NOT_FOUND");
  });
});

describe("permissions", () => {
  it("lets viewers read but not retry, pause or sync", async () => {
    expect(await codeOf(viewer.sync.retry({ listingId: a.failedShopee }))).toBe("FORBIDDEN");
    expect(await codeOf(viewer.sync.retryFailed({}))).toBe("FORBIDDEN");
    expect(await codeOf(viewer.sync.pause({ connectionId: a.shopee }))).toBe("FORBIDDEN");
    expect(await codeOf(viewer.sync.start({ kind: "all" }))).toBe("FORBIDDEN");
    expect(await codeOf(viewer.sync.runs.list())).toBeNull();
  });
});

describe("retry", () => {
  it("re-queues one failed listing at high priority, audited", async () => {
    await clearJobs();
    expect(await owner.caller.sync.retry({ listingId: a.failedShopee })).toEqual({ marked: 1 });
    expect((await stateOf(a.failedShopee))?.sync_state).toBe("pending");
    expect(await jobsFor([a.failedShopee])).toEqual([{ listing_id: a.failedShopee, priority: -10 }]);
    const audit = await h.query<{ action: string }>(`select action from audit_log where entity_id = $1`, [
      a.failedShopee,
    ]);
    expect(audit.map((row) => row.action)).toEqual(["sync.retry"]);
  });

  it("refuses another organization's listing and listings the engine cannot push", async () => {
    expect(await codeOf(owner.caller.sync.retry({ listingId: b.listing }))).toBe("NOT_FOUND");
    expect((await stateOf(b.listing))?.sync_state).toBe("failed");
    expect(await codeOf(owner.caller.sync.retry({ listingId: a.unpublished }))).toBe("BAD_REQUEST");
    expect(await codeOf(owner.caller.sync.retry({ listingId: "nope" }))).toBe("BAD_REQUEST");
  });

  it("retries every failed listing of one shop, then of all shops", async () => {
    await h.query(`update listing set sync_state = 'failed' where id = $1`, [a.failedShopee]);
    await clearJobs();
    expect(await owner.caller.sync.retryFailed({ connectionId: a.tiktok })).toEqual({ marked: 1 });
    expect((await stateOf(a.failedTiktok))?.sync_state).toBe("pending");
    expect((await stateOf(a.failedShopee))?.sync_state).toBe("failed");
    expect(await owner.caller.sync.retryFailed({})).toEqual({ marked: 1 });
    expect((await stateOf(a.failedShopee))?.sync_state).toBe("pending");
    expect((await stateOf(b.listing))?.sync_state).toBe("failed");
    expect((await jobsFor([a.failedShopee, a.failedTiktok])).map((j) => j.priority)).toEqual([-10, -10]);
    expect(await codeOf(owner.caller.sync.retryFailed({ connectionId: b.connection }))).toBe("NOT_FOUND");
  });
});

describe("pause and resume", () => {
  it("pauses a shop (audited), refuses to sync it by name, and leaves it out of sync all", async () => {
    expect(await owner.caller.sync.pause({ connectionId: a.shopee })).toMatchObject({ paused: true, marked: 0 });
    expect(await codeOf(owner.caller.sync.pause({ connectionId: a.shopee }))).toBe("CONFLICT");
    expect((await owner.caller.sync.overview()).channels.find((c) => c.connectionId === a.shopee)?.paused).toBe(true);
    expect(await codeOf(owner.caller.sync.start({ kind: "channel", connectionId: a.shopee }))).toBe("BAD_REQUEST");
    expect(await codeOf(owner.caller.sync.retry({ listingId: a.inSync }))).toBe("BAD_REQUEST");
    await clearJobs();
    const run = await owner.caller.sync.start({ kind: "all" });
    // Only the two published tiktok listings: the paused shopee shop is left out.
    expect(run.total).toBe(2);
    expect((await jobsFor([a.inSync, a.failedShopee])).length).toBe(0);
    const audit = await h.query<{ action: string }>(
      `select action from audit_log where entity_id = $1 order by created_at`,
      [a.shopee],
    );
    expect(audit.map((row) => row.action)).toEqual(["sync.paused"]);
    expect(await codeOf(stranger.caller.sync.pause({ connectionId: a.tiktok }))).toBe("NOT_FOUND");
  });

  it("resumes a shop and queues its pending listings again", async () => {
    await clearJobs();
    const result = await owner.caller.sync.resume({ connectionId: a.shopee });
    // failedShopee is pending from the retry; the unpublished listing is pending but cannot be pushed.
    expect(result).toEqual({ connectionId: a.shopee, paused: false, marked: 1 });
    expect((await jobsFor([a.failedShopee, a.unpublished])).map((j) => j.listing_id)).toEqual([a.failedShopee]);
    expect(await codeOf(owner.caller.sync.resume({ connectionId: a.shopee }))).toBe("CONFLICT");
  });
});

describe("manual sync runs", () => {
  it("creates a run with the count of listings marked, in the same transaction as their jobs", async () => {
    await clearJobs();
    const run = await owner.caller.sync.start({ kind: "products", productIds: [a.products[0]!] });
    expect(run).toMatchObject({ kind: "products", total: 3, done: 0, failed: 0, status: "running" });
    for (const listing of [a.inSync, a.failedShopee, a.failedTiktok]) {
      expect(await stateOf(listing)).toEqual({ sync_state: "pending", sync_run_id: run.id });
    }
    expect((await jobsFor([a.inSync, a.failedShopee, a.failedTiktok])).every((j) => j.priority === -10)).toBe(true);
    expect((await owner.caller.sync.runs.get({ id: run.id })).total).toBe(3);
    const audit = await h.query<{ action: string }>(`select action from audit_log where entity_id = $1`, [run.id]);
    expect(audit.map((row) => row.action)).toEqual(["sync.run_started"]);
  });

  it("syncs a whole channel and everything", async () => {
    const channel = await owner.caller.sync.start({ kind: "channel", connectionId: a.tiktok });
    expect(channel).toMatchObject({ kind: "channel", total: 2, scope: { connectionId: a.tiktok } });
    const all = await owner.caller.sync.start({ kind: "all" });
    expect(all.total).toBe(4);
    const running = await owner.caller.sync.runs.list({ status: "running" });
    expect(running[0]?.id).toBe(all.id);
    expect(running.every((r) => r.status === "running")).toBe(true);
  });

  it("finishes a run with nothing to push at once", async () => {
    const run = await owner.caller.sync.start({ kind: "products", productIds: [crypto.randomUUID()] });
    expect(run).toMatchObject({ total: 0, status: "succeeded" });
    expect(run.finishedAt).toBeInstanceOf(Date);
    expect((await owner.caller.sync.runs.list({ status: "finished" })).map((r) => r.id)).toContain(run.id);
  });

  it("keeps runs per organization and never marks another organization's listings", async () => {
    const [mine] = await owner.caller.sync.runs.list({});
    expect(await codeOf(stranger.caller.sync.runs.get({ id: mine!.id }))).toBe("NOT_FOUND");
    expect(await stranger.caller.sync.runs.list({})).toEqual([]);
    const run = await stranger.caller.sync.start({ kind: "products", productIds: [a.products[0]!] });
    expect(run.total).toBe(0);
    expect(await codeOf(stranger.caller.sync.start({ kind: "channel", connectionId: a.tiktok }))).toBe("NOT_FOUND");
    expect(await codeOf(owner.caller.sync.start({ kind: "products", productIds: [] }))).toBe("BAD_REQUEST");
  });

  it("refuses sync all without a connected shop", async () => {
    const lonely = await h.signUp("No Shops");
    expect(await codeOf(lonely.caller.sync.start({ kind: "all" }))).toBe("BAD_REQUEST");
  });
});

describe("home.summary", () => {
  it("adds products, shops, sync success rates and recent sync activity", async () => {
    const summary = await owner.caller.home.summary();
    expect(summary.products).toBe(2);
    expect(summary.connectedChannels).toBe(2);
    // Last 24 h: 3 succeeded, 2 failed; last 7 days adds the 3-day-old success.
    expect(summary.syncSuccessRate24h).toBeCloseTo(3 / 5);
    expect(summary.syncSuccessRate7d).toBeCloseTo(4 / 6);
    expect(summary.syncLast7d).toHaveLength(7);
    expect(summary.syncLast7d.reduce((sum, d) => sum + d.succeeded + d.failed, 0)).toBe(6);
    expect(summary.recentSync).toHaveLength(6);
    const empty = await (await h.signUp("Empty")).caller.home.summary();
    expect(empty).toMatchObject({
      products: 0,
      connectedChannels: 0,
      syncSuccessRate24h: null,
      syncSuccessRate7d: null,
    });
  });
});
