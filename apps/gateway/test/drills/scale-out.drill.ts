import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { type AddressInfo, connect as tcpConnect, createServer as createTcpServer, type Server } from "node:net";
import { fileURLToPath } from "node:url";
import { randomUUID } from "node:crypto";
import { createAuth, type Auth } from "@syncstore/auth";
import { closeChannelAgent } from "@syncstore/channels";
import { startSimulator, testChannelEnv, type RunningSimulator } from "@syncstore/channels/testing";
import { signShopeePush } from "@syncstore/channels/signing";
import { createOrm, migrationsList, migrateDatabase, type Orm } from "@syncstore/db";
import { findFreePort, startEmbeddedPostgres, type RunningPostgres } from "@syncstore/postgres/embedded-postgres";
import { REALTIME_PATH, type ServerToClientEvents } from "@syncstore/realtime";
import {
  channelDepsFor,
  listingRows,
  seedSyncFixture,
  setMasterPrices,
  simProducts,
  syncState,
  type SyncFixture,
  waitFor,
} from "@syncstore/services/testing";
import type pg from "pg";
import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../src/gateway";
import { betterAuthSessionResolver } from "../../src/realtime/better-auth";
import { memoryLogger } from "../helpers";
import { credentials, shopeeBody, testPool } from "../webhook-helpers";

/*
 * Scale-out drill: two gateways behind a small round-robin TCP proxy and two worker processes
 * against one PostgreSQL (the drill's own), under a signed flood. Every acknowledged event is stored
 * once and processed once; a realtime client on either gateway receives the organization's events
 * whichever gateway committed them (the postgres adapter). At the same time a sync run pushes a
 * price change of every listing of a simulator shop through the same two workers: every listing
 * converges (in sync, the simulator showing the new price).
 */
const WEB_URL = "http://localhost:3000";
const shopId = "5570001";
let postgres: RunningPostgres;
let pool: pg.Pool;
let auth: Auth;
const gateways: Gateway[] = [];
const pools: pg.Pool[] = [];
const workers: ChildProcess[] = [];
const sockets: Socket[] = [];
let proxy: Server;
let proxyUrl = "";
let organizationId = "";
let cookie = "";
const name = `drill-scale-out-${process.pid}`;
let sim: RunningSimulator;
let orm: Orm;
let fixture: SyncFixture;
const syncOrganizationId = randomUUID();
/** The workers' last log lines (warnings and errors), shown when the drill times out. */
const workerLog: string[] = [];

beforeAll(async () => {
  const port = await findFreePort();
  postgres = await startEmbeddedPostgres({ name, port, portVariable: "DRILL_PG_PORT", fresh: true, ephemeral: true });
  await migrateDatabase(postgres.url);
  pool = testPool(postgres.url, 6);
  auth = createAuth({ pool, secret: "drill-secret-drill-secret-drill-secret-01", baseURL: WEB_URL });
  await auth.api.signUpEmail({
    body: { email: "scale@example.test", password: "correct-horse-battery-9", name: "Scale" },
  });
  const signIn = await auth.api.signInEmail({
    body: { email: "scale@example.test", password: "correct-horse-battery-9" },
    asResponse: true,
  });
  cookie = signIn.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .join("; ");
  const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
  organizationId = session?.session.activeOrganizationId ?? "";
  await pool.query(
    `insert into channel_connection (id, organization_id, platform, external_shop_id, name, status)
     values (gen_random_uuid(), $1, 'shopee', $2, 'Scale shop', 'needs_reauth')`,
    [organizationId, shopId],
  );

  // A simulator shop whose listings the sync run pushes to (its own organization, prices in SGD).
  sim = await startSimulator("71");
  orm = await createOrm(postgres.url, { pool: { min: 0, max: 4 } });
  fixture = await seedSyncFixture(orm, sim, channelDepsFor(sim, testChannelEnv), {
    organizationId: syncOrganizationId,
    platform: "shopee",
    products: 10,
    variants: 2,
  });

  // The proxy listens first: Shopee signs the callback URL, which is the proxy's.
  const upstreams: number[] = [];
  let next = 0;
  proxy = createTcpServer((client) => {
    const upstream = tcpConnect(upstreams[next++ % upstreams.length] ?? 0, "127.0.0.1");
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  for (let i = 0; i < 2; i++) {
    const gatewayPool = testPool(postgres.url, 8);
    pools.push(gatewayPool);
    const gateway = createGateway({
      pool: gatewayPool,
      logger: memoryLogger().logger,
      expectedMigrations: migrationsList.map((migration) => migration.name),
      webUrl: WEB_URL,
      resolveSession: betterAuthSessionResolver(
        createAuth({ pool: gatewayPool, secret: "drill-secret-drill-secret-drill-secret-01", baseURL: WEB_URL }),
      ),
      webhooks: {
        credentials: {
          shopee: { partnerKey: credentials.shopeeKey, callbackUrl: `${proxyUrl}/webhooks/shopee` },
          tiktok: { appKey: credentials.tiktokKey, appSecret: credentials.tiktokSecret },
        },
        maxBodyBytes: 64 * 1024,
        maxAgeSeconds: 600,
        badSignaturesPerMinute: 1000,
      },
    });
    gateways.push(gateway);
    upstreams.push(await gateway.listen(0, "127.0.0.1"));
  }

  for (let i = 0; i < 2; i++) {
    const worker = spawn(
      process.execPath,
      ["--import", "tsx", fileURLToPath(new URL("../../../worker/src/main.ts", import.meta.url))],
      {
        env: {
          ...process.env,
          NODE_ENV: "test",
          DATABASE_URL: postgres.url,
          BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
          TOKEN_ENCRYPTION_KEY: testChannelEnv.TOKEN_ENCRYPTION_KEY,
          TOKEN_ENCRYPTION_KEY_ID: testChannelEnv.TOKEN_ENCRYPTION_KEY_ID,
          ...sim.env,
          SYNC_RATE_LIMIT_SHOPEE: "0",
          SYNC_RATE_LIMIT_TIKTOK: "0",
          WORKER_CRON: "false",
          WORKER_CONCURRENCY: "4",
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    for (const stream of [worker.stdout, worker.stderr]) {
      stream?.setEncoding("utf8");
      stream?.on("data", (chunk: string) => {
        workerLog.push(
          ...chunk
            .split("\n")
            .filter((line) => line.trim() !== "")
            .map((line) => `worker ${i}: ${line}`),
        );
        workerLog.splice(0, Math.max(0, workerLog.length - 50));
      });
    }
    workers.push(worker);
  }
}, 180_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  for (const worker of workers) worker.kill("SIGKILL");
  for (const gateway of gateways) await gateway.close().catch(() => undefined);
  await new Promise((resolve) => proxy?.close(resolve));
  for (const gatewayPool of pools) await gatewayPool.end().catch(() => undefined);
  await orm?.close(true).catch(() => undefined);
  await closeChannelAgent();
  sim?.stop();
  await pool?.end().catch(() => undefined);
  await postgres?.stop();
  if (postgres) rmSync(postgres.dataDir, { recursive: true, force: true });
});

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("two gateways and two workers on one PostgreSQL", () => {
  it("stores and processes every acknowledged event once, realtime reaches clients on either gateway, and a sync run converges", async () => {
    // One realtime client on each gateway (connected to each directly).
    const received = [0, 0];
    await Promise.all(
      gateways.map(async (gateway, index) => {
        const port = (gateway.httpServer.address() as AddressInfo).port;
        const socket: Socket<ServerToClientEvents> = connectSocket(`http://127.0.0.1:${port}`, {
          path: REALTIME_PATH,
          transports: ["websocket"],
          reconnection: false,
          extraHeaders: { cookie, origin: WEB_URL },
        });
        sockets.push(socket);
        socket.on("webhook.activity", () => (received[index] = (received[index] ?? 0) + 1));
        await new Promise<void>((resolve, reject) => {
          socket.once("connect", () => resolve());
          socket.once("connect_error", reject);
        });
      }),
    );

    const acknowledged = new Set<string>();
    let sent = 0;
    const sender = async () => {
      while (sent < 400) {
        const id = `scale-${++sent}`;
        const body = shopeeBody(shopId, { msg_id: id });
        const response = await fetch(`${proxyUrl}/webhooks/shopee`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: signShopeePush(credentials.shopeeKey, `${proxyUrl}/webhooks/shopee`, body),
          },
          body,
        });
        if (response.status === 200) acknowledged.add(id);
      }
    };
    // The sync run: a new price for every listing, pushed by the two workers during the flood.
    const newPrice = (index: number) => 2000 + index;
    const [marked] = await Promise.all([
      setMasterPrices(
        orm,
        syncOrganizationId,
        fixture.variantIds.map((variantId, index) => ({ variantId, price: newPrice(index) })),
      ),
      ...Array.from({ length: 8 }, () => sender()),
    ]);
    expect(marked).toBe(fixture.listingIds.length);
    expect(acknowledged.size).toBe(400);

    const { rows } = await pool.query<{ event_key: string; n: number }>(
      `select event_key, count(*)::int as n from webhook_event where event_key like 'scale-%' group by event_key`,
    );
    expect(rows).toHaveLength(400);
    expect(rows.every((row) => row.n === 1)).toBe(true);
    const jobs = await pool.query<{ n: number }>(
      `select count(*)::int as n from graphile_worker._private_jobs j join webhook_event w on w.id::text = j.payload->>'eventId'
        where w.event_key like 'scale-%'`,
    );
    expect(jobs.rows[0]?.n ?? 0).toBeLessThanOrEqual(400);

    await waitUntil(
      "both workers to process every event",
      async () =>
        (
          await pool.query<{ n: number }>(
            `select count(*)::int as n from webhook_event where event_key like 'scale-%' and status = 'processed'`,
          )
        ).rows[0]?.n === 400,
    );
    await waitUntil("webhook.activity on both gateways' clients", async () => received.every((n) => n > 0));
    // Both gateways did the work: each committed some of the flood.
    const committed = await Promise.all(
      gateways.map(
        async (gateway) => await gateway.metrics.registry.getSingleMetricAsString("webhook_events_persisted_total"),
      ),
    );
    for (const text of committed) expect(text).toMatch(/webhook_events_persisted_total\{[^}]*\} [1-9]/);

    // Every listing converged: in sync, with the simulator showing its new price.
    // A timeout shows the listings, the queued jobs and the workers' last warnings.
    await waitFor(
      "every listing in sync",
      async () => (await listingRows(orm, fixture.listingIds)).every((row) => row.sync_state === "in_sync"),
      120_000,
      100,
      async () => ({ ...(await syncState(orm, fixture.listingIds)), workerLog }),
    );
    const rows2 = await listingRows(orm, fixture.listingIds);
    const expected = new Map(fixture.variantIds.map((variantId, index) => [variantId, newPrice(index)]));
    const simPrices = new Map(
      (await simProducts(sim, "shopee", fixture.shopId)).flatMap((product) =>
        product.variants.map((variant) => [variant.id, Math.round(variant.price * 100)] as const),
      ),
    );
    for (const product of fixture.products)
      for (const variant of product.variants) {
        expect(simPrices.get(variant.externalVariantId), variant.externalVariantId).toBe(
          expected.get(variant.variantId),
        );
        const row = rows2.find((listing) => listing.id === variant.listingId);
        expect(row?.last_synced).toMatchObject({ price: expected.get(variant.variantId) });
      }
  }, 300_000);
});
