import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { type AddressInfo, createServer as createTcpServer, connect, type Socket } from "node:net";
import { signShopeePush, signTikTokWebhook } from "@syncstore/channels/signing";
import { testChannelEnv } from "@syncstore/channels/testing";
import { migrationsList } from "@syncstore/db";
import pg from "pg";
import { createGatewayApp, type GatewayAppOptions } from "../src/app";
import { type WebhookIngestion } from "../src/webhooks/ingestion";
import { memoryLogger } from "./helpers";

export const credentials = {
  shopeeKey: testChannelEnv.SHOPEE_PARTNER_KEY,
  tiktokKey: testChannelEnv.TIKTOK_APP_KEY,
  tiktokSecret: testChannelEnv.TIKTOK_APP_SECRET,
};

export const METRICS_TOKEN = "test-metrics-token-0123456789";

/** The gateway's Prometheus exposition, read with the metrics token. */
export async function metricsText(gateway: { base: string }): Promise<string> {
  return (await fetch(`${gateway.base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
}

export interface TestGateway {
  base: string;
  shopeeUrl: string;
  tiktokUrl: string;
  webhooks: WebhookIngestion;
  log: ReturnType<typeof memoryLogger>;
  close(): Promise<void>;
}

type WebhookOverrides = Partial<NonNullable<GatewayAppOptions["webhooks"]>>;

/**
 * The gateway app with webhooks on a free port. The HTTP server listens first, so the Shopee
 * callback URL (which Shopee signs) is the address the test really posts to.
 */
export async function startWebhookGateway(pool: pg.Pool, overrides: WebhookOverrides = {}): Promise<TestGateway> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const log = memoryLogger();
  const { listener, webhooks } = createGatewayApp({
    pool,
    logger: log.logger,
    metricsToken: METRICS_TOKEN,
    expectedMigrations: migrationsList.map((migration) => migration.name),
    webhooks: {
      credentials: {
        shopee: { partnerKey: credentials.shopeeKey, callbackUrl: `${base}/webhooks/shopee` },
        tiktok: { appKey: credentials.tiktokKey, appSecret: credentials.tiktokSecret },
      },
      maxBodyBytes: 16 * 1024,
      maxAgeSeconds: 600,
      badSignaturesPerMinute: 10_000,
      rejections: { flushIntervalMs: 60_000 },
      ...overrides,
    },
  });
  if (!webhooks) throw new Error("webhooks were not configured");
  server.on("request", listener);
  return {
    base,
    shopeeUrl: `${base}/webhooks/shopee`,
    tiktokUrl: `${base}/webhooks/tiktok`,
    webhooks,
    log,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await webhooks.close();
    },
  };
}

export function testPool(url: string, max = 8): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 2_000 });
  pool.on("error", () => undefined);
  return pool;
}

/** An organization with one connection per given shop; returns the ids. */
export async function seedConnections(
  pool: pg.Pool,
  shops: { platform: "shopee" | "tiktok"; shopId: string }[],
): Promise<{ organizationId: string; connections: Map<string, string> }> {
  const organizationId = randomUUID();
  await pool.query(`insert into organization (id, name, slug) values ($1, 'Webhooks', $1)`, [organizationId]);
  const connections = new Map<string, string>();
  for (const shop of shops) {
    const { rows } = await pool.query<{ id: string }>(
      `insert into channel_connection (id, organization_id, platform, external_shop_id, name, status)
       values (gen_random_uuid(), $1, $2, $3, $4, 'active') returning id::text`,
      [organizationId, shop.platform, shop.shopId, `${shop.platform} ${shop.shopId}`],
    );
    connections.set(`${shop.platform}:${shop.shopId}`, rows[0]?.id ?? "");
  }
  return { organizationId, connections };
}

export function shopeeBody(shopId: string, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    msg_id: `test-${randomUUID()}`,
    code: 3,
    shop_id: Number(shopId),
    timestamp: Math.floor(Date.now() / 1000),
    data: { ordersn: `ORD${Date.now()}`, status: "READY_TO_SHIP", update_time: Math.floor(Date.now() / 1000) },
    ...overrides,
  });
}

export function tiktokBody(shopId: string, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type: 1,
    tts_notification_id: String(7_400_000_000_000_000_000n + BigInt(Math.floor(Math.random() * 1e12))),
    shop_id: shopId,
    timestamp: Math.floor(Date.now() / 1000),
    data: {
      order_id: `57${Date.now()}`,
      order_status: "AWAITING_SHIPMENT",
      update_time: Math.floor(Date.now() / 1000),
    },
    ...overrides,
  });
}

export function postShopee(gateway: TestGateway, body: string | Buffer, signature?: string | null): Promise<Response> {
  const sign = signature === undefined ? signShopeePush(credentials.shopeeKey, gateway.shopeeUrl, body) : signature;
  return fetch(gateway.shopeeUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...(sign === null ? {} : { authorization: sign }) },
    body,
  });
}

export function postTikTok(gateway: TestGateway, body: string | Buffer, signature?: string | null): Promise<Response> {
  const sign =
    signature === undefined ? signTikTokWebhook(credentials.tiktokSecret, credentials.tiktokKey, body) : signature;
  return fetch(gateway.tiktokUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...(sign === null ? {} : { authorization: sign }) },
    body,
  });
}

/**
 * A TCP relay in front of PostgreSQL that can be cut: `stop()` refuses new connections and drops
 * the open ones, as a database that went away; `start()` brings it back on the same port.
 */
export async function databaseRelay(databaseUrl: string): Promise<{
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}> {
  const target = new URL(databaseUrl);
  const sockets = new Set<Socket>();
  const relay = createTcpServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const port = (relay.address() as AddressInfo).port;
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return {
    url: url.toString(),
    stop: async () => {
      const closed = new Promise((resolve) => relay.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    start: () => new Promise<void>((resolve) => relay.listen(port, "127.0.0.1", resolve)),
  };
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
