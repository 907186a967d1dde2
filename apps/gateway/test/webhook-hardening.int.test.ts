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
