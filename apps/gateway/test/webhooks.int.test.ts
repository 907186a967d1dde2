import { request as httpRequest } from "node:http";
import { signShopeePush, signTikTokWebhook } from "@syncstore/channels/signing";
import { ShopeeAdapter } from "@syncstore/channels";
import { startSimulator, type RunningSimulator } from "@syncstore/channels/testing";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import { WEBHOOK_PROCESS_MAX_ATTEMPTS } from "@syncstore/services";
import { type RealtimeEmitter } from "@syncstore/realtime";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  credentials,
  databaseRelay,
  metricsText,
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

interface SimShop {
  platform: "shopee" | "tiktok";
  shopId: string;
}
interface SimProduct {
  id: string;
  hasModel: boolean;
  variants: { id: string }[];
}
interface SimDelivery {
  id: number;
  platform: "shopee" | "tiktok";
  kind: string;
  messageId: string;
  status: string;
  body: string;
  attempts: { status?: number; ok: boolean; responseBody?: string }[];
}

let database: TestDatabase;
let pool: pg.Pool;
let sim: RunningSimulator;
let gateway: TestGateway;
let organizationId: string;
let connections: Map<string, string>;
let shopee: SimShop;
let tiktok: SimShop;
const cleanups: (() => Promise<unknown>)[] = [];

async function count(sql: string, values: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(sql, values);
  return Number(rows[0]?.n ?? 0);
}

const storedEvents = () => count(`select count(*) as n from webhook_event`);
/** graphile-worker's public `jobs` view leaves the payload out; its private tables have it. */
const JOBS = `graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
               where t.identifier = 'process-webhook-event'`;
const queuedJobs = () => count(`select count(*) as n from ${JOBS}`);
const jobsFor = (eventId: string | undefined) =>
  count(`select count(*) as n from ${JOBS} and j.payload->>'eventId' = $1`, [eventId]);

async function deliveries(): Promise<SimDelivery[]> {
  return (await sim.admin<{ deliveries: SimDelivery[] }>("GET", "/webhooks?limit=2000")).deliveries;
}

async function settledDeliveries(): Promise<SimDelivery[]> {
  return waitFor(async () => {
    const list = await deliveries();
    return list.every((delivery) => delivery.status !== "pending") && list;
  }, "the simulator's deliveries to settle");
}

function firstSimpleProduct(products: SimProduct[]): SimProduct {
  const product = products.find((candidate) => !candidate.hasModel) ?? products[0];
  if (!product) throw new Error("the simulator shop has no products");
  return product;
}

beforeAll(async () => {
  database = await createTestDatabase();
  pool = testPool(database.url);
  // Retry delays compressed a thousandfold: Shopee's 5 minutes become 300 ms.
  sim = await startSimulator("11", { SIM_WEBHOOK_TIME_SCALE: "0.001" });
  cleanups.push(async () => sim.stop());
  const { shops } = await sim.admin<{ shops: SimShop[] }>("GET", "/shops");
  shopee = shops.find((shop) => shop.platform === "shopee") as SimShop;
  tiktok = shops.find((shop) => shop.platform === "tiktok") as SimShop;
  ({ organizationId, connections } = await seedConnections(pool, [shopee, tiktok]));
  gateway = await startWebhookGateway(pool, { rejections: { flushIntervalMs: 60_000, alertThreshold: 3 } });
  cleanups.push(() => gateway.close());
  await sim.admin("PUT", "/webhooks/targets", { shopee: gateway.shopeeUrl, tiktok: gateway.tiktokUrl });
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await pool.end();
  await database.drop();
});

describe("webhooks from the simulator", () => {
  it("stores every event kind of both platforms once, enqueues its processing and answers 200 with an empty body", async () => {
    await sim.admin("DELETE", "/webhooks");
    // Shopee code 1: the seller authorizes the app on the simulator's page.
    const adapter = new ShopeeAdapter({
      baseUrl: sim.env.SHOPEE_API_BASE_URL,
      partnerId: 2001887,
      partnerKey: credentials.shopeeKey,
      timeoutMs: 5_000,
      pushCallbackUrl: gateway.shopeeUrl,
    });
    await sim.authorize(
      adapter.authorizationUrl({ redirectUrl: "http://localhost:3000/callback", state: "s" }),
      shopee.shopId,
    );

    for (const shop of [shopee, tiktok]) {
      const path = `/shops/${shop.platform}/${shop.shopId}`;
      const { products } = await sim.admin<{ products: SimProduct[] }>("GET", path);
      const product = firstSimpleProduct(products);
      const variant = product.variants[0]?.id ?? "0";
      // Price (Shopee 22, TikTok 15), stock low (TikTok 27), new product (TikTok 16).
      // Reserved stock (Shopee 8) is promotion stock: a campaign holds one unit.
      await sim.admin("PATCH", `${path}/products/${product.id}/variants/${variant}`, {
        price: 12.5,
        stock: 3,
        ...(shop.platform === "shopee" ? { reserved: 1 } : {}),
      });
      await sim.admin("POST", `${path}/products`, {
        products: [{ title: "Webhook test product", variants: [{ sku: `WH-${shop.platform}`, price: 10, stock: 50 }] }],
      });
      // Orders: status (Shopee 3, TikTok 1), tracking (Shopee 4).
      const placed = await sim.admin<{ result: { id: string } }>("POST", `${path}/orders`, {
        lines: [{ productId: product.id, variantId: variant, quantity: 1 }],
      });
      await sim.admin("POST", `${path}/orders/${placed.result.id}/ship`);
      const second = await sim.admin<{ result: { id: string } }>("POST", `${path}/orders`, {
        lines: [{ productId: product.id, variantId: variant, quantity: 1 }],
      });
      await sim.admin("POST", `${path}/orders/${second.result.id}/cancel`);
      // Banned item (Shopee 6), product status (TikTok 5), deauthorization (Shopee 2, TikTok 6).
      await sim.admin("POST", `${path}/products/${product.id}/ban`, { reason: "Test ban" });
      await sim.admin("POST", `${path}/deauthorize`);
    }

    const settled = await settledDeliveries();
    const kinds = new Set(
      settled.map(
        (delivery) => `${delivery.platform}:${JSON.parse(delivery.body).code ?? JSON.parse(delivery.body).type}`,
      ),
    );
    expect([...kinds].sort()).toEqual(
      [
        "shopee:1",
        "shopee:2",
        "shopee:3",
        "shopee:4",
        "shopee:6",
        "shopee:8",
        "shopee:22",
        "tiktok:1",
        "tiktok:5",
        "tiktok:6",
        "tiktok:15",
        "tiktok:16",
        "tiktok:27",
      ].sort(),
    );
    for (const delivery of settled) {
      expect(delivery.status, `${delivery.platform} ${delivery.kind}`).toBe("delivered");
      expect(delivery.attempts.at(-1)).toMatchObject({ status: 200, ok: true, responseBody: "" });
    }

    const { rows } = await pool.query<{
      id: string;
      platform: string;
      event_key: string;
      status: string;
      organization_id: string | null;
      body: string;
      jobs: string;
      keyed: string;
    }>(
      `select e.id::text, e.platform, e.event_key, e.status, e.organization_id, e.body,
              (select count(*) from ${JOBS} and j.payload->>'eventId' = e.id::text)::text as jobs,
              (select count(j.key) from ${JOBS} and j.payload->>'eventId' = e.id::text)::text as keyed
         from webhook_event e
        where e.event_key = any($1::text[])`,
      [settled.map((delivery) => delivery.messageId)],
    );
    const byKey = new Map(rows.map((row) => [`${row.platform}:${row.event_key}`, row]));
    for (const delivery of settled) {
      const row = byKey.get(`${delivery.platform}:${delivery.messageId}`);
      expect(row, `${delivery.platform} ${delivery.kind} stored`).toBeDefined();
      expect(row).toMatchObject({
        status: "received",
        organization_id: organizationId,
        body: delivery.body,
        jobs: "1",
        // Nothing to coalesce with: only the delayed job of an unknown shop's event carries a key.
        keyed: "0",
      });
    }
    expect(rows).toHaveLength(settled.length);
  });

  it("answers 503 while the database is unreachable, and the simulator's retry then stores the event", async () => {
    const relay = await databaseRelay(database.url);
    const relayedPool = testPool(relay.url, 4);
    const outage = await startWebhookGateway(relayedPool, { batch: { commitTimeoutMs: 1_500 } });
    cleanups.push(async () => {
      await outage.close();
      await relayedPool.end();
    });
    await sim.admin("PUT", "/webhooks/targets", { shopee: outage.shopeeUrl, tiktok: outage.tiktokUrl });
    try {
      await sim.admin("DELETE", "/webhooks");
      await relay.stop();
      const { products } = await sim.admin<{ products: SimProduct[] }>("GET", `/shops/tiktok/${tiktok.shopId}`);
      const product = firstSimpleProduct(products);
      await sim.admin(
        "PATCH",
        `/shops/tiktok/${tiktok.shopId}/products/${product.id}/variants/${product.variants[0]?.id}`,
        {
          price: 33,
        },
      );
      const failed = await waitFor(
        async () => (await deliveries()).find((d) => d.attempts.length >= 1),
        "a first attempt",
      );
      expect(failed.attempts[0]).toMatchObject({ status: 503, ok: false });
      // The simulator keeps the first 200 characters of the answer: a JSON error, not an empty 2xx.
      expect(failed.attempts[0]?.responseBody).toMatch(/^\{"error":\{"code":"UNAVAILABLE"/);
      await relay.start();

      const delivered = await waitFor(
        async () => (await deliveries()).find((d) => d.id === failed.id && d.status === "delivered"),
        "the retry",
      );
      expect(delivered.attempts.at(-1)).toMatchObject({ status: 200, ok: true, responseBody: "" });
      expect(
        await count(`select count(*) as n from webhook_event where platform = 'tiktok' and event_key = $1`, [
          failed.messageId,
        ]),
      ).toBe(1);
    } finally {
      await relay.start().catch(() => undefined);
      await sim.admin("PUT", "/webhooks/targets", { shopee: gateway.shopeeUrl, tiktok: gateway.tiktokUrl });
    }
  });
});

describe("idempotency", () => {
  it("stores 100 concurrent copies of one event once, with one job, and answers every copy 200", async () => {
    const body = tiktokBody(tiktok.shopId);
    const key = JSON.parse(body).tts_notification_id as string;
    const responses = await Promise.all(Array.from({ length: 100 }, () => postTikTok(gateway, body)));
    expect(responses.map((response) => response.status)).toEqual(Array(100).fill(200));
    expect(await Promise.all(responses.map((response) => response.text()))).toEqual(Array(100).fill(""));
    const { rows } = await pool.query<{ id: string; duplicates: number }>(
      `select id::text, duplicates from webhook_event where platform = 'tiktok' and event_key = $1`,
      [key],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.duplicates).toBe(99);
    expect(await jobsFor(rows[0]?.id)).toBe(1);
  });

  it("acknowledges a later redelivery without enqueueing it again", async () => {
    const body = shopeeBody(shopee.shopId);
    expect((await postShopee(gateway, body)).status).toBe(200);
    const jobs = await queuedJobs();
    const again = await postShopee(gateway, body);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe("");
    expect(await queuedJobs()).toBe(jobs);
  });
});

describe("refused requests store nothing", () => {
  it("refuses forged, unsigned, replayed, truncated and oversized requests", async () => {
    const before = { events: await storedEvents(), jobs: await queuedJobs() };
    const body = shopeeBody(shopee.shopId);

    const forged = await postShopee(gateway, body, "0".repeat(64));
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: "UNAUTHORIZED", reason: "invalid_signature" } });

    const unsigned = await postShopee(gateway, body, null);
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ error: { reason: "missing_signature" } });

    // Signed for another callback URL (as if the Host header were trusted).
    const otherUrl = signShopeePush(credentials.shopeeKey, "http://evil.example/webhooks/shopee", body);
    expect((await postShopee(gateway, body, otherUrl)).status).toBe(401);

    const stale = tiktokBody(tiktok.shopId, { timestamp: Math.floor(Date.now() / 1000) - 3_600 });
    const replayed = await postTikTok(gateway, stale);
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({ error: { reason: "stale_timestamp" } });

    const signature = signTikTokWebhook(credentials.tiktokSecret, credentials.tiktokKey, body);
    const truncated = await postTikTok(gateway, body.slice(0, body.length - 10), signature);
    expect(truncated.status).toBe(401);
    expect(await truncated.json()).toMatchObject({ error: { reason: "invalid_signature" } });

    const huge = shopeeBody(shopee.shopId, { data: { ordersn: "X", padding: "x".repeat(20_000) } });
    const oversized = await postShopee(gateway, huge);
    expect(oversized.status).toBe(413);
    expect(await oversized.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE", reason: "too_large" } });

    // A body cut off mid-upload (the connection drops before Content-Length bytes arrived).
    await new Promise<void>((resolve) => {
      const url = new URL(gateway.tiktokUrl);
      const request = httpRequest({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": String(body.length),
          authorization: signature,
        },
      });
      request.on("error", () => resolve());
      request.write(body.slice(0, 20), () => setTimeout(() => request.destroy(), 50));
      request.on("close", () => resolve());
    });

    expect(await storedEvents()).toBe(before.events);
    expect(await queuedJobs()).toBe(before.jobs);
    const exposition = await metricsText(gateway);
    expect(exposition).toContain('webhook_requests_rejected_total{platform="shopee",reason="too_large"} 1');
    const counted = await gateway.webhooks.metrics.rejected.get();
    const rejected = Object.fromEntries(
      counted.values.map((value) => [`${value.labels.platform}:${value.labels.reason}`, value.value]),
    );
    expect(rejected).toMatchObject({
      "shopee:invalid_signature": 2,
      "shopee:missing_signature": 1,
      "tiktok:stale_timestamp": 1,
      "tiktok:invalid_signature": 1,
      "shopee:too_large": 1,
    });
  });

  it("counts signature failures per organization and raises one alert for repeated ones", async () => {
    for (let i = 0; i < 4; i++) {
      expect((await postTikTok(gateway, tiktokBody(tiktok.shopId), "f".repeat(64))).status).toBe(401);
    }
    await gateway.webhooks.flushRejections();
    const { rows } = await pool.query<{ reason: string; count: number; organization_id: string | null }>(
      `select reason, sum(count)::int as count, organization_id from webhook_rejection
        where platform = 'tiktok' and external_shop_id = $1 group by reason, organization_id`,
      [tiktok.shopId],
    );
    expect(rows).toContainEqual({ reason: "invalid_signature", count: 4, organization_id: organizationId });
    const alerts = await pool.query<{ kind: string; status: string; count: number }>(
      `select kind, status, count from alert where organization_id = $1 and dedupe_key = $2`,
      [organizationId, `webhook.signature_failures:${connections.get(`tiktok:${tiktok.shopId}`)}`],
    );
    expect(alerts.rows).toHaveLength(1);
    expect(alerts.rows[0]).toMatchObject({ kind: "webhook.signature_failures", status: "open", count: 4 });
  });

  it("throttles an address that keeps failing signature checks", async () => {
    const strict = await startWebhookGateway(pool, { badSignaturesPerMinute: 3 });
    cleanups.push(() => strict.close());
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await postShopee(strict, shopeeBody(shopee.shopId), "a".repeat(64))).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // A correctly signed request from the same address is never refused by the throttle.
    const forged = await postShopee(strict, shopeeBody(shopee.shopId), "a".repeat(64));
    expect(forged.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await postShopee(strict, shopeeBody(shopee.shopId))).status).toBe(200);
  });
});

describe("genuine but unusual requests", () => {
  it("stores a signed body that is not JSON as failed with the reason, and does not process it", async () => {
    const response = await postShopee(gateway, '{"code": 3, "shop_id": ');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    const { rows } = await pool.query<{ id: string; status: string; error: string; event_type: string }>(
      `select id::text, status, error, event_type from webhook_event where body = '{"code": 3, "shop_id": '`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "failed", event_type: "unparsable" });
    expect(rows[0]?.error).toMatch(/^invalid_json: /);
    expect(await jobsFor(rows[0]?.id)).toBe(0);
  });

  it("stores an event of a shop nobody connected as unknown_shop, with its processing delayed", async () => {
    const body = tiktokBody("999000111");
    expect((await postTikTok(gateway, body)).status).toBe(200);
    const { rows } = await pool.query<{ id: string; status: string; organization_id: string | null }>(
      `select id::text, status, organization_id from webhook_event where event_key = $1`,
      [JSON.parse(body).tts_notification_id],
    );
    expect(rows[0]).toMatchObject({ status: "unknown_shop", organization_id: null });
    // One job, due after the OAuth callback racing the event has had time to store the connection.
    const { rows: jobs } = await pool.query<{ key: string; delay: number; max_attempts: number }>(
      `select j.key, extract(epoch from j.run_at - now())::float8 as delay, j.max_attempts
         from ${JOBS} and j.payload->>'eventId' = $1`,
      [rows[0]?.id],
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ key: `webhook:${rows[0]?.id}`, max_attempts: WEBHOOK_PROCESS_MAX_ATTEMPTS });
    expect(jobs[0]?.delay).toBeGreaterThan(30);
    expect(jobs[0]?.delay).toBeLessThanOrEqual(45);
    // A redelivery while the shop is still unknown neither stores nor enqueues again.
    expect((await postTikTok(gateway, body)).status).toBe(200);
    expect(await jobsFor(rows[0]?.id)).toBe(1);
  });

  it("sees a shop connected while its miss is still cached: the next event is received, its job due now", async () => {
    const shopId = "999000222";
    const first = tiktokBody(shopId);
    expect((await postTikTok(gateway, first)).status).toBe(200);
    const statusOf = async (body: string) =>
      (
        await pool.query<{ id: string; status: string; connection_id: string | null }>(
          `select id::text, status, connection_id::text from webhook_event where event_key = $1`,
          [JSON.parse(body).tts_notification_id],
        )
      ).rows[0];
    expect((await statusOf(first))?.status).toBe("unknown_shop");
    // The shop gets connected; the gateway's directory still remembers the miss for a few seconds.
    const { connections: connected } = await seedConnections(pool, [{ platform: "tiktok", shopId }]);
    const second = tiktokBody(shopId);
    expect((await postTikTok(gateway, second)).status).toBe(200);
    const stored = await statusOf(second);
    expect(stored).toMatchObject({ status: "received", connection_id: connected.get(`tiktok:${shopId}`) });
    const { rows: jobs } = await pool.query<{ delay: number }>(
      `select extract(epoch from j.run_at - now())::float8 as delay from ${JOBS} and j.payload->>'eventId' = $1`,
      [stored?.id],
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.delay).toBeLessThan(5);
  });

  it("keeps an unknown event type as ignored", async () => {
    const body = shopeeBody(shopee.shopId, { code: 99, data: {} });
    expect((await postShopee(gateway, body)).status).toBe(200);
    const { rows } = await pool.query<{ status: string; event_type: string; organization_id: string }>(
      `select status, event_type, organization_id from webhook_event where event_key = $1`,
      [JSON.parse(body).msg_id],
    );
    expect(rows[0]).toEqual({ status: "ignored", event_type: "shopee.99", organization_id: organizationId });
  });

  it("splits a partner-level push naming several shops into one row per shop", async () => {
    const other = await seedConnections(pool, [{ platform: "shopee", shopId: "770001" }]);
    const body = JSON.stringify({
      msg_id: `expiring-${Date.now()}`,
      code: 12,
      timestamp: Math.floor(Date.now() / 1000),
      data: {
        shop_expire_soon: [Number(shopee.shopId), 770001],
        expire_before: Math.floor(Date.now() / 1000) + 86_400,
      },
    });
    expect((await postShopee(gateway, body)).status).toBe(200);
    const { rows } = await pool.query<{ event_key: string; organization_id: string; status: string }>(
      `select event_key, organization_id, status from webhook_event where event_key like $1 order by event_key`,
      [`${JSON.parse(body).msg_id}#%`],
    );
    expect(rows).toEqual(
      [
        {
          event_key: `${JSON.parse(body).msg_id}#${shopee.shopId}`,
          organization_id: organizationId,
          status: "received",
        },
        { event_key: `${JSON.parse(body).msg_id}#770001`, organization_id: other.organizationId, status: "received" },
      ].sort((a, b) => a.event_key.localeCompare(b.event_key)),
    );
  });
});

describe("realtime", () => {
  it("announces webhook.activity after the commit, for known organizations only", async () => {
    const announced: { organizationId: string; event: string; payload: { eventId: string; duplicate: boolean } }[] = [];
    const realtime: RealtimeEmitter = {
      toOrganization: (id) => ({
        emit: async (event, payload) => {
          announced.push({ organizationId: id, event, payload: payload as { eventId: string; duplicate: boolean } });
        },
      }),
      emitToOrganization: async (id, event, payload) => {
        announced.push({ organizationId: id, event, payload: payload as { eventId: string; duplicate: boolean } });
      },
    };
    const live = await startWebhookGateway(pool, { realtime });
    cleanups.push(() => live.close());
    const body = tiktokBody(tiktok.shopId);
    expect((await postTikTok(live, body)).status).toBe(200);
    expect((await postTikTok(live, body)).status).toBe(200);
    expect((await postTikTok(live, tiktokBody("123123123"))).status).toBe(200);
    await waitFor(async () => announced.length >= 2, "the announcements");
    const { rows } = await pool.query<{ id: string }>(`select id::text from webhook_event where event_key = $1`, [
      JSON.parse(body).tts_notification_id,
    ]);
    expect(announced).toEqual([
      expect.objectContaining({
        organizationId,
        event: "webhook.activity",
        payload: expect.objectContaining({ eventId: rows[0]?.id, duplicate: false }),
      }),
      expect.objectContaining({
        organizationId,
        event: "webhook.activity",
        payload: expect.objectContaining({ eventId: rows[0]?.id, duplicate: true }),
      }),
    ]);
  });
});

describe("metrics", () => {
  it("reports the backlog waiting for the worker and the age of its oldest event", async () => {
    const waiting = await count(`select count(*) as n from webhook_event where status = 'received'`);
    expect(waiting).toBeGreaterThan(0);
    const text = await metricsText(gateway);
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1]);
    expect(value("webhook_events_pending")).toBe(waiting);
    expect(value("webhook_processing_lag_seconds")).toBeGreaterThan(0);
    expect(value("webhook_batch_size_count")).toBeGreaterThan(0);
  });
});
