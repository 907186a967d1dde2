import { generateDemoCatalog, insertCatalog } from "@syncstore/db";
import pino from "pino";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";
import { createTrpcHandler } from "../http";
import { SPLICE_MIN_BYTES } from "../transformer";
import { createCallerFactory } from "../trpc";
import { createContext, type ApiDeps } from "../context";
import { appRouter } from "../../routers";
import { startApiCache, type ApiCache } from "./api-cache";

const createCaller = createCallerFactory(appRouter);

let h: ApiHarness;
let owner: Awaited<ReturnType<ApiHarness["signUp"]>>;
let other: Awaited<ReturnType<ApiHarness["signUp"]>>;
/** A second web server: its own caches and change feed over the same database. */
let second: ApiCache;
let secondDeps: ApiDeps;

beforeAll(async () => {
  h = await createApiHarness();
  owner = await h.signUp("Cache owner");
  other = await h.signUp("Other organization");
  await insertCatalog(h.orm.em.fork(), owner.organizationId, generateDemoCatalog(20));
  await insertCatalog(h.orm.em.fork(), other.organizationId, generateDemoCatalog(5));
  second = await startApiCache(h.url, pino({ level: "silent" }));
  secondDeps = { ...h.deps, cache: second };
}, 60_000);
afterAll(async () => {
  await second?.close();
  await h?.close();
});

/** A fresh request on instance 1 (the harness's) or 2 (the second cache), as a browser's next call would be. */
async function callAs(cookie: string, instance: 1 | 2 = 1) {
  const headers = new Headers({ "user-agent": "vitest", cookie });
  return createCaller(await createContext({ headers, deps: instance === 1 ? h.deps : secondDeps, ip: "203.0.113.9" }));
}

const firstBlock = { startRow: 0, endRow: 100 };

async function firstRow(cookie: string, instance: 1 | 2 = 1) {
  const { rows } = await (await callAs(cookie, instance)).catalog.listVariants(firstBlock);
  return rows[0]!;
}

/** Warms both instances' caches with the first block, then checks the change shows on both. */
async function expectChangeShown(
  change: () => Promise<unknown>,
  check: (row: Awaited<ReturnType<typeof firstRow>>) => void,
) {
  await firstRow(owner.cookie, 1);
  await firstRow(owner.cookie, 2);
  expect(h.deps.cache!.sizes.blocks).toBeGreaterThan(0);
  await change();
  check(await firstRow(owner.cookie, 1));
  check(await firstRow(owner.cookie, 2));
}

describe("grid block cache: every kind of writer shows on the next list, on every instance", () => {
  it("serves a repeated block from memory, per organization", async () => {
    const a = await (await callAs(owner.cookie)).catalog.listVariants(firstBlock);
    const b = await (await callAs(other.cookie)).catalog.listVariants(firstBlock);
    expect(a.total).toBe(generateDemoCatalog(20).variants.length);
    expect(b.total).toBe(generateDemoCatalog(5).variants.length);
    const ownerIds = new Set(a.rows.map((row) => row.variantId));
    expect(b.rows.some((row) => ownerIds.has(row.variantId))).toBe(false);
    // Same input, other organization: never the first organization's cached rows.
    const again = await (await callAs(other.cookie)).catalog.listVariants(firstBlock);
    expect(again.rows.map((row) => row.variantId)).toEqual(b.rows.map((row) => row.variantId));
  });

  it("a save through the API (variant price, product title)", async () => {
    const row = await firstRow(owner.cookie);
    await expectChangeShown(
      () =>
        owner.caller.catalog.saveChanges({
          changes: [
            {
              variantId: row.variantId,
              productVersion: row.productVersion,
              variantVersion: row.variantVersion,
              variant: { price: row.price + 7 },
              product: { title: "AAA cached title" },
            },
          ],
        }),
      (shown) => {
        expect(shown.price).toBe(row.price + 7);
        expect(shown.productTitle).toBe("AAA cached title");
      },
    );
  });

  it("a stock change written by another process (the worker's SQL)", async () => {
    const row = await firstRow(owner.cookie);
    await expectChangeShown(
      () => h.query(`update stock_level set on_hand = on_hand + 5 where variant_id = $1`, [row.variantId]),
      (shown) => expect(shown.stockOnHand).toBe(row.stockOnHand + 5),
    );
  });

  it("a listing's sync state, and its shop's name", async () => {
    const row = await firstRow(owner.cookie);
    const [connection] = await h.query<{ id: string }>(
      `insert into channel_connection (id, organization_id, platform, external_shop_id, name)
       values (gen_random_uuid(), $1, 'shopee', 'cache-shop', 'Cache shop') returning id`,
      [owner.organizationId],
    );
    await expectChangeShown(
      () =>
        h.query(
          `insert into listing (id, organization_id, connection_id, variant_id, product_id, external_product_id,
                                external_variant_id, enabled, sync_state, desired_version, synced_version)
           select gen_random_uuid(), v.organization_id, $2, v.id, v.product_id, 'x1', 'x1', true, 'in_sync', 1, 1
             from variant v where v.id = $1`,
          [row.variantId, connection!.id],
        ),
      (shown) => expect(shown.syncStatus).toBe("in_sync"),
    );
    await expectChangeShown(
      () =>
        h.query(`update listing set sync_state = 'failed', last_error = 'refused' where variant_id = $1`, [
          row.variantId,
        ]),
      (shown) => {
        expect(shown.syncStatus).toBe("failed");
        expect(shown.syncError).toBe("refused");
      },
    );
    await expectChangeShown(
      () => h.query(`update channel_connection set name = 'Renamed shop' where id = $1`, [connection!.id]),
      (shown) => expect(shown.syncChannel).toBe("Renamed shop"),
    );
  });

  it("a category rename, and the organization's currency", async () => {
    const row = await firstRow(owner.cookie);
    const [category] = await h.query<{ id: string }>(
      `insert into category (id, organization_id, name, path) values (gen_random_uuid(), $1, 'Cached', 'Cached') returning id`,
      [owner.organizationId],
    );
    await expectChangeShown(
      () => h.query(`update product set category_id = $1 where id = $2`, [category!.id, row.productId]),
      (shown) => expect(shown.categoryPath).toBe("Cached"),
    );
    await expectChangeShown(
      () => h.query(`update category set name = 'Renamed', path = 'Renamed' where id = $1`, [category!.id]),
      (shown) => expect(shown.categoryPath).toBe("Renamed"),
    );
    await (await callAs(owner.cookie)).catalog.listVariants(firstBlock);
    await h.query(`update organization set currency = 'EUR' where id = $1`, [owner.organizationId]);
    expect((await (await callAs(owner.cookie, 2)).catalog.listVariants(firstBlock)).currency).toBe("EUR");
  });

  it("stock moved between buckets (an order's commitment) keeps the block; on hand changes drop it", async () => {
    const row = await firstRow(owner.cookie);
    const feed = h.deps.cache!.feed;
    const before = feed.catalogVersion(owner.organizationId);
    await h.query(`update stock_level set committed = committed + 1 where variant_id = $1 and on_hand > committed`, [
      row.variantId,
    ]);
    await firstRow(owner.cookie);
    expect(feed.catalogVersion(owner.organizationId)).toBe(before);
    await h.query(`update stock_level set on_hand = on_hand + 2 where variant_id = $1`, [row.variantId]);
    expect((await firstRow(owner.cookie)).stockOnHand).toBe(row.stockOnHand + 2);
    expect(feed.catalogVersion(owner.organizationId)).not.toBe(before);
  });

  it("a caller kept across calls (one context) still sees what committed before each call", async () => {
    const caller = await callAs(owner.cookie);
    const before = (await caller.catalog.listVariants(firstBlock)).rows[0]!;
    await h.query(`update stock_level set on_hand = on_hand + 3 where variant_id = $1`, [before.variantId]);
    expect((await caller.catalog.listVariants(firstBlock)).rows[0]!.stockOnHand).toBe(before.stockOnHand + 3);
  });

  it("a deleted product leaves the block", async () => {
    const row = await firstRow(owner.cookie);
    await expectChangeShown(
      () => h.query(`delete from product where id = $1`, [row.productId]),
      (shown) => expect(shown.productId).not.toBe(row.productId),
    );
  });

  it("reads the database while the feed is down, and forgets everything from before the gap", async () => {
    const feed = h.deps.cache!.feed;
    const row = await firstRow(owner.cookie);
    const reconnected = new Promise<void>((resolve) => {
      const stop = feed.subscribe((change) => {
        if (change.kind === "all" && feed.live) {
          stop();
          resolve();
        }
      });
    });
    feed.simulateDisconnect();
    expect(h.deps.cache!.sizes.blocks).toBe(0);
    await h.query(`update stock_level set on_hand = on_hand + 1 where variant_id = $1`, [row.variantId]);
    expect((await firstRow(owner.cookie)).stockOnHand).toBe(row.stockOnHand + 1);
    await reconnected;
    expect((await firstRow(owner.cookie)).stockOnHand).toBe(row.stockOnHand + 1);
  });
});

describe("cached blocks over HTTP (their JSON text is kept and spliced into tRPC's response)", () => {
  const web = "http://localhost:3000";
  const serve = (deps: ApiDeps) => createTrpcHandler({ deps, allowedOrigins: [web], clientIp: () => "203.0.113.9" });
  const get = async (deps: ApiDeps, paths: string, inputs: unknown[]) => {
    const input = Object.fromEntries(inputs.map((value, index) => [index, { json: value }]));
    const url = `${web}/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`;
    const response = await serve(deps)(new Request(url, { headers: { cookie: owner.cookie } }));
    return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
  };
  /** tRPC's own encoding of answers: superjson, in one JSON text. */
  const written = (answers: unknown[]) =>
    JSON.stringify(answers.map((data) => ({ result: { data: superjson.serialize(data) } })));

  it("answers byte for byte what tRPC writes, alone and in a batch, again and again", async () => {
    const caller = await callAs(owner.cookie);
    const expected = written([await caller.catalog.listVariants(firstBlock)]);
    expect(expected.length).toBeGreaterThan(SPLICE_MIN_BYTES); // so it is spliced
    for (let i = 0; i < 3; i++) {
      expect(await get(h.deps, "catalog.listVariants", [firstBlock])).toEqual({
        status: 200,
        type: "application/json",
        text: expected,
      });
    }
    const small = { startRow: 0, endRow: 3 };
    const batch = await get(h.deps, "catalog.listVariants,me.context,catalog.listVariants", [
      firstBlock,
      undefined,
      small,
    ]);
    expect(batch.text).toBe(
      written([
        await caller.catalog.listVariants(firstBlock),
        await caller.me.context(),
        await caller.catalog.listVariants(small),
      ]),
    );
  });

  it("a save shows in the next response's text", async () => {
    const row = await firstRow(owner.cookie);
    expect((await get(h.deps, "catalog.listVariants", [firstBlock])).text).toContain(`"price":${row.price},`);
    await owner.caller.catalog.saveChanges({
      changes: [
        {
          variantId: row.variantId,
          productVersion: row.productVersion,
          variantVersion: row.variantVersion,
          variant: { price: row.price + 3 },
        },
      ],
    });
    const after = await get(h.deps, "catalog.listVariants", [firstBlock]);
    expect(after.text).toBe(written([await (await callAs(owner.cookie)).catalog.listVariants(firstBlock)]));
    const [shown] = JSON.parse(after.text) as [{ result: { data: { json: { rows: (typeof row)[] } } } }];
    expect(shown.result.data.json.rows[0]).toMatchObject({ variantId: row.variantId, price: row.price + 3 });
  });
});

describe("session and membership cache: revocation applies from the next request", () => {
  it("sign-out, on this instance and on another", async () => {
    const user = await h.signUp("Leaving");
    await (await callAs(user.cookie, 1)).me.context();
    await (await callAs(user.cookie, 2)).me.context();
    expect(h.deps.cache!.sizes.sessions).toBeGreaterThan(0);
    await h.deps.auth.api.signOut({ headers: new Headers({ cookie: user.cookie }) });
    await expect((await callAs(user.cookie, 1)).me.context()).rejects.toThrow(/Sign in/);
    await expect((await callAs(user.cookie, 2)).me.context()).rejects.toThrow(/Sign in/);
  });

  it("a role change and a removal from the organization", async () => {
    const member = await h.signUp("Member");
    await h.addMember(owner.organizationId, member.me.user.id, "editor");
    await h.query(`update session set active_organization_id = $1 where user_id = $2`, [
      owner.organizationId,
      member.me.user.id,
    ]);
    const row = await firstRow(member.cookie, 2);
    const context = async () => (await callAs(member.cookie, 2)).me.context();
    expect((await context()).role).toBe("editor");
    expect(row.variantId).toBeTruthy();

    await h.query(`update member set role = 'viewer' where user_id = $1 and organization_id = $2`, [
      member.me.user.id,
      owner.organizationId,
    ]);
    expect((await context()).role).toBe("viewer");
    await expect(
      (await callAs(member.cookie, 2)).catalog.saveChanges({
        changes: [
          {
            variantId: row.variantId,
            productVersion: row.productVersion,
            variantVersion: row.variantVersion,
            variant: { price: 1 },
          },
        ],
      }),
    ).rejects.toThrow(/does not allow catalog:write/);

    await h.query(`delete from member where user_id = $1 and organization_id = $2`, [
      member.me.user.id,
      owner.organizationId,
    ]);
    await expect((await callAs(member.cookie, 2)).catalog.listVariants(firstBlock)).rejects.toThrow(/not a member/);
    expect((await context()).activeOrganization).toBeNull();
  });

  it("an organization switch answers for the new organization at once", async () => {
    const switcher = await h.signUp("Switcher");
    await h.addMember(other.organizationId, switcher.me.user.id, "viewer");
    expect((await (await callAs(switcher.cookie, 2)).me.context()).activeOrganization?.id).toBe(
      switcher.organizationId,
    );
    await (await callAs(switcher.cookie, 2)).catalog.listVariants(firstBlock);
    await h.query(`update session set active_organization_id = $1 where user_id = $2`, [
      other.organizationId,
      switcher.me.user.id,
    ]);
    expect((await (await callAs(switcher.cookie, 2)).me.context()).activeOrganization?.id).toBe(other.organizationId);
    const { rows } = await (await callAs(switcher.cookie, 2)).catalog.listVariants(firstBlock);
    const { rows: otherRows } = await (await callAs(other.cookie, 2)).catalog.listVariants(firstBlock);
    expect(rows.map((r) => r.variantId)).toEqual(otherRows.map((r) => r.variantId));
  });
});

describe("starting without a database", () => {
  it("serves from the database while the feed cannot listen (the web app still starts)", async () => {
    const cache = await startApiCache("postgres://postgres@127.0.0.1:9/none", pino({ level: "silent" }));
    try {
      expect(cache.feed.live).toBe(false);
      let loads = 0;
      const load = async () => ++loads;
      expect(await cache.gridBlock("org", { startRow: 0 }, load)).toBe(1);
      expect(await cache.gridBlock("org", { startRow: 0 }, load)).toBe(2);
    } finally {
      await cache.close();
    }
  });
});
