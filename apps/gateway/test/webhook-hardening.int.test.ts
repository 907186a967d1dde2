import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  postShopee,
  postTikTok,
  seedConnections,
  shopeeBody,
  startWebhookGateway,
  testPool,
  tiktokBody,
  waitFor,
  type TestGateway,
} from "./webhook-helpers";

let database: TestDatabase;
let pool: pg.Pool;
let gateway: TestGateway;
let organizationId: string;
const shopeeShop = "880001";
const tiktokShop = "7495000000000000001";
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  pool = testPool(database.url);
  ({ organizationId } = await seedConnections(pool, [
    { platform: "shopee", shopId: shopeeShop },
    { platform: "tiktok", shopId: tiktokShop },
  ]));
  gateway = await startWebhookGateway(pool);
  cleanups.push(() => gateway.close());
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await pool.end();
  await database.drop();
});

describe("poison webhooks (finding 7)", () => {
  it.each([
    ["a NUL in the event id", { msg_id: "poison\u0000id" }],
    ["a lone surrogate in the event id", { msg_id: "poison\uD800id" }],
    ["a NUL in the shop id", { shop_id: "88\u00000001" }],
  ])("stores a signed event with %s as failed and answers 200", async (_label, overrides) => {
    const body = shopeeBody(shopeeShop, overrides);
    const response = await postShopee(gateway, body);
    expect(response.status).toBe(200);
    const { rows } = await pool.query<{ status: string; error: string }>(
      `select status, error from webhook_event where body = $1`,
      [body.replaceAll("\u0000", "\uFFFD")],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.status).toBe("failed");
    expect(rows[0]?.error).toMatch(/^unstorable_identity: /);
    // A redelivery of the same poison is a duplicate, not a second row.
    expect((await postShopee(gateway, body)).status).toBe(200);
    const again = await pool.query(`select 1 from webhook_event where body = $1`, [
      body.replaceAll("\u0000", "\uFFFD"),
    ]);
    expect(again.rowCount).toBe(1);
  });

  it("stores a TikTok event whose notification id holds a NUL as failed and answers 200", async () => {
    const response = await postTikTok(gateway, tiktokBody(tiktokShop, { tts_notification_id: "n\u0000" }));
    expect(response.status).toBe(200);
  });
});

describe("the bad-signature throttle (finding 9)", () => {
  it("never refuses a request whose signature verifies", async () => {
    const strict = await startWebhookGateway(pool, { badSignaturesPerMinute: 3 });
    cleanups.push(() => strict.close());
    const forged: number[] = [];
    for (let i = 0; i < 6; i++) forged.push((await postShopee(strict, shopeeBody(shopeeShop), "a".repeat(64))).status);
    expect(forged).toEqual([401, 401, 401, 429, 429, 429]);
    expect((await postShopee(strict, shopeeBody(shopeeShop), "b".repeat(64))).headers.get("retry-after")).toMatch(
      /^\d+$/,
    );
    for (let i = 0; i < 5; i++) expect((await postShopee(strict, shopeeBody(shopeeShop))).status).toBe(200);
    expect((await postTikTok(strict, tiktokBody(tiktokShop))).status).toBe(200);
  });
});

describe("a reused event id with a different body (finding 12)", () => {
  it("is stored flagged, not processed, alerted, and never acknowledged as a duplicate", async () => {
    const first = shopeeBody(shopeeShop, { msg_id: "reused-1" });
    const second = shopeeBody(shopeeShop, { msg_id: "reused-1", data: { ordersn: "OTHER", status: "CANCELLED" } });
    expect((await postShopee(gateway, first)).status).toBe(200);
    expect((await postShopee(gateway, first)).status).toBe(200);
    expect((await postShopee(gateway, second)).status).toBe(200);
    expect((await postShopee(gateway, second)).status).toBe(200);
    const { rows } = await pool.query<{ event_key: string; status: string; duplicates: number; error: string | null }>(
      `select event_key, status, duplicates, error from webhook_event where event_key like 'reused-1%' order by received_at`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ event_key: "reused-1", status: "received", duplicates: 1 });
    expect(rows[1]?.event_key).toMatch(/^reused-1#reused:[0-9a-f]{16}$/);
    expect(rows[1]).toMatchObject({ status: "failed", duplicates: 1 });
    expect(rows[1]?.error).toMatch(/^event_id_reused: /);
    const jobs = await pool.query(
      `select 1 from graphile_worker._private_jobs j join webhook_event w on w.id::text = j.payload->>'eventId'
        where w.event_key like 'reused-1#%'`,
    );
    expect(jobs.rowCount).toBe(0);
    // The alert is written after the commit that answered the request.
    const alerts = await waitFor(async () => {
      const { rows: found } = await pool.query<{ kind: string; count: number }>(
        `select kind, count from alert where organization_id = $1 and kind = 'webhook.event_id_reused'`,
        [organizationId],
      );
      return found.length > 0 && found;
    }, "the reused-id alert");
    expect(alerts).toEqual([{ kind: "webhook.event_id_reused", count: 1 }]);
  });

  it("flags the copy with a different body in the same batch too", async () => {
    const bodies = [0, 1, 2].map((n) => shopeeBody(shopeeShop, { msg_id: "reused-2", data: { ordersn: `O${n}` } }));
    const statuses = await Promise.all(bodies.map((body) => postShopee(gateway, body).then((r) => r.status)));
    expect(statuses).toEqual([200, 200, 200]);
    const { rows } = await pool.query<{ status: string }>(
      `select status from webhook_event where event_key like 'reused-2%' order by status`,
    );
    expect(rows.map((row) => row.status)).toEqual(["failed", "failed", "received"]);
  });
});

describe("a batch the database refuses for one of its rows", () => {
  it("stores the other rows with their jobs, then the refused one alone once the cache is dropped; every request gets 200", async () => {
    const lonely = { platform: "shopee" as const, shopId: "880077" };
    const steady = { platform: "tiktok" as const, shopId: "7495000000000000077" };
    const { connections } = await seedConnections(pool, [lonely, steady]);
    // A batch goes out once 3 rows are queued (the wait for company is far longer than the test).
    const batched = await startWebhookGateway(pool, { batch: { maxBatch: 3, waitMs: 2_000 } });
    cleanups.push(() => batched.close());
    const warmUp = await Promise.all([0, 1, 2].map(() => postShopee(batched, shopeeBody(lonely.shopId))));
    expect(warmUp.map((response) => response.status)).toEqual([200, 200, 200]);
    // The shop is disconnected for good while the gateway still caches its connection: the next
    // row of it names a connection that no longer exists, and its foreign key refuses the batch.
    await pool.query(`delete from channel_connection where id = $1`, [connections.get("shopee:880077")]);

    const bodies = {
      refused: shopeeBody(lonely.shopId),
      others: [tiktokBody(steady.shopId), tiktokBody(steady.shopId)],
    };
    const responses = await Promise.all([
      postShopee(batched, bodies.refused),
      ...bodies.others.map((body) => postTikTok(batched, body)),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);

    const refusal = batched.log.lines().filter((line) => line.msg === "webhook batch refused; saving row by row");
    expect(refusal).toHaveLength(1);
    expect(refusal[0]?.rows).toBe(3);
    const { rows } = await pool.query<{ body: string; status: string; connection_id: string | null; jobs: number }>(
      `select w.body, w.status, w.connection_id::text,
              (select count(*)::int from graphile_worker._private_jobs j where j.payload->>'eventId' = w.id::text) as jobs
         from webhook_event w where w.body = any($1::text[])`,
      [[bodies.refused, ...bodies.others]],
    );
    const byBody = new Map(rows.map((row) => [row.body, row]));
    for (const body of bodies.others) {
      expect(byBody.get(body)).toMatchObject({
        status: "received",
        connection_id: connections.get(`tiktok:${steady.shopId}`),
        jobs: 1,
      });
    }
    // The refused row, saved alone after the cache was dropped: its shop is connected nowhere now.
    expect(byBody.get(bodies.refused)).toMatchObject({ status: "unknown_shop", connection_id: null, jobs: 1 });
  });
});

describe("group commit", () => {
  it("keeps at most two batches in the database at once and folds the requests waiting meanwhile into the next", async () => {
    const shop = { platform: "tiktok" as const, shopId: "7495000000000000078" };
    await seedConnections(pool, [shop]);
    const counted = testPool(database.url, 8);
    cleanups.push(() => counted.end());
    let inFlight = 0;
    let most = 0;
    // The first batches are held in the database until every request was verified and handed to
    // the committer: whatever the machine's speed, the others must wait and then fold together.
    const held: { gateway?: Awaited<ReturnType<typeof startWebhookGateway>> } = {};
    const verified = async () =>
      ((await held.gateway?.webhooks.metrics.verified.get())?.values ?? []).reduce(
        (sum, value) => sum + value.value,
        0,
      );
    const query = counted.query.bind(counted) as (...args: unknown[]) => Promise<unknown>;
    (counted as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = async (...args) => {
      const batch = (args[0] as { name?: string }).name === "webhook-save-batch";
      if (batch) most = Math.max(most, ++inFlight);
      try {
        if (batch) while ((await verified()) < 120) await new Promise((resolve) => setImmediate(resolve));
        return await query(...args);
      } finally {
        if (batch) inFlight -= 1;
      }
    };
    const started = await startWebhookGateway(counted);
    held.gateway = started;
    cleanups.push(() => started.close());
    const before = (await pool.query<{ n: number }>(`select count(*)::int as n from webhook_event`)).rows[0]?.n ?? 0;
    const responses = await Promise.all(
      Array.from({ length: 120 }, () => postTikTok(started, tiktokBody(shop.shopId))),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(2);
    const after = (await pool.query<{ n: number }>(`select count(*)::int as n from webhook_event`)).rows[0]?.n ?? 0;
    expect(after - before).toBe(120);
    const sizes = await started.webhooks.metrics.batchSize.get();
    const count = sizes.values.find((value) => value.metricName === "webhook_batch_size_count")?.value ?? 0;
    // The (at most two) held batches, then one more carrying every request that waited for them.
    expect(count).toBeLessThanOrEqual(3);
  });
});
