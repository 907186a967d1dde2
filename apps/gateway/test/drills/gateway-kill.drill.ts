import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startSimulator, testChannelEnv, type RunningSimulator } from "@syncstore/channels/testing";
import { migrateDatabase } from "@syncstore/db";
import { findFreePort, startEmbeddedPostgres, type RunningPostgres } from "@syncstore/postgres/embedded-postgres";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testPool } from "../webhook-helpers";

/*
 * Failure drill: the gateway process is killed with SIGKILL while the marketplace simulator is
 * pushing a burst of order webhooks at it. The deliveries it never answered (refused connections
 * while it is down, requests cut mid-flight) are retried by the simulator on Shopee's schedule,
 * scaled down by SIM_WEBHOOK_TIME_SCALE (5 min, 30 min, 3 h -> 1.5 s, 9 s, 54 s: a restarted gateway
 * compiling its TypeScript on a busy machine takes some 20 s), against the restarted gateway; every
 * delivery ends delivered, and each event is stored exactly once.
 */
let postgres: RunningPostgres;
let pool: pg.Pool;
let sim: RunningSimulator;
let gatewayPort = 0;
let gateway: { child: ChildProcess; exited: Promise<void> } | undefined;
let gatewayOutput = "";
let shopId = "";
const name = `drill-gateway-kill-${process.pid}`;

interface Delivery {
  id: number;
  messageId: string;
  status: "pending" | "delivered" | "failed" | "dropped" | "no_target";
  attempts: { ok: boolean }[];
}

function startGatewayProcess(): { child: ChildProcess; exited: Promise<void> } {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("../../src/main.ts", import.meta.url))],
    {
      env: {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_URL: postgres.url,
        GATEWAY_PORT: String(gatewayPort),
        GATEWAY_HOST: "127.0.0.1",
        GATEWAY_URL: `http://127.0.0.1:${gatewayPort}`,
        WEB_URL: "http://localhost:3000",
        BETTER_AUTH_SECRET: testChannelEnv.BETTER_AUTH_SECRET,
        TOKEN_ENCRYPTION_KEY: testChannelEnv.TOKEN_ENCRYPTION_KEY,
        SHOPEE_PARTNER_ID: String(testChannelEnv.SHOPEE_PARTNER_ID),
        SHOPEE_PARTNER_KEY: testChannelEnv.SHOPEE_PARTNER_KEY,
        TIKTOK_APP_KEY: testChannelEnv.TIKTOK_APP_KEY,
        TIKTOK_APP_SECRET: testChannelEnv.TIKTOK_APP_SECRET,
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (chunk: Buffer) => (gatewayOutput += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (gatewayOutput += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, exited };
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out waiting for ${what}\n${gatewayOutput.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const ready = () =>
  waitUntil("the gateway to be ready", async () => (await fetch(`http://127.0.0.1:${gatewayPort}/readyz`)).ok, 60_000);

beforeAll(async () => {
  const port = await findFreePort();
  gatewayPort = await findFreePort();
  postgres = await startEmbeddedPostgres({ name, port, portVariable: "DRILL_PG_PORT", fresh: true, ephemeral: true });
  await migrateDatabase(postgres.url);
  pool = testPool(postgres.url, 4);
  sim = await startSimulator("61", {
    SIM_SHOPEE_WEBHOOK_URL: `http://127.0.0.1:${gatewayPort}/webhooks/shopee`,
    SIM_WEBHOOK_TIME_SCALE: "0.005",
  });
  const { shop } = await sim.admin<{ shop: { shopId: string } }>("POST", "/shops", {
    platform: "shopee",
    name: "Kill drill",
    products: 0,
  });
  shopId = shop.shopId;
  // Stock for every order the drill places (an order the shop cannot fill is refused).
  await sim.admin("POST", `/shops/shopee/${shopId}/products`, {
    products: [1, 2, 3].map((n) => ({
      title: `Drill ${n}`,
      variants: [{ sku: `DRILL-${n}`, price: 10, stock: 100_000 }],
    })),
  });
  const organizationId = randomUUID();
  await pool.query(`insert into organization (id, name, slug) values ($1, 'Drill', $1)`, [organizationId]);
  await pool.query(
    `insert into channel_connection (id, organization_id, platform, external_shop_id, name, status)
     values (gen_random_uuid(), $1, 'shopee', $2, 'Kill drill shop', 'needs_reauth')`,
    [organizationId, shopId],
  );
  gateway = startGatewayProcess();
  await ready();
}, 180_000);

afterAll(async () => {
  gateway?.child.kill("SIGKILL");
  await gateway?.exited;
  sim?.stop();
  await pool?.end().catch(() => undefined);
  await postgres?.stop();
  if (postgres) rmSync(postgres.dataDir, { recursive: true, force: true });
});

const stored = async () =>
  (
    await pool.query<{ n: number }>(`select count(*)::int as n from webhook_event where external_shop_id = $1`, [
      shopId,
    ])
  ).rows[0]?.n ?? 0;

describe("gateway killed with SIGKILL mid-batch", () => {
  it("has its unanswered deliveries retried by the simulator and stores each event once", async () => {
    const { products } = await sim.admin<{ products: { id: string; variants: { id: string }[] }[] }>(
      "GET",
      `/shops/shopee/${shopId}`,
    );
    const lines = products.map((product) => ({
      productId: product.id,
      variantId: product.variants[0]!.id,
      quantity: 1,
    }));
    let placed = 0;
    let stop = false;
    const seller = async () => {
      while (!stop && placed < 150) {
        placed++;
        await sim.admin("POST", `/shops/shopee/${shopId}/orders`, {
          lines: [lines[placed % lines.length]!],
          paid: true,
        });
      }
    };
    const sellers = Array.from({ length: 4 }, () => seller());

    await waitUntil("some events stored", async () => (await stored()) >= 40);
    gateway!.child.kill("SIGKILL");
    await gateway!.exited;
    const beforeRestart = await stored();
    gateway = startGatewayProcess();
    await ready();
    stop = true;
    await Promise.all(sellers);

    const deliveries = async () =>
      (await sim.admin<{ deliveries: Delivery[] }>("GET", `/webhooks?platform=shopee&shopId=${shopId}&limit=2000`))
        .deliveries;
    await waitUntil("every delivery answered", async () =>
      (await deliveries()).every((delivery) => delivery.status === "delivered"),
    ).catch(async (error: unknown) => {
      const open = (await deliveries()).filter((delivery) => delivery.status !== "delivered");
      throw new Error(
        `${String(error)}\n${open.length} open, e.g. ${JSON.stringify(open[0]?.attempts)}\ngateway exit ${gateway?.child.exitCode}: ${gatewayOutput.slice(-3000)}`,
      );
    });
    const all = await deliveries();
    // The kill left deliveries unanswered; the simulator delivered them again later.
    const retried = all.filter((delivery) => delivery.attempts.length > 1 && !delivery.attempts[0]!.ok);
    expect(retried.length).toBeGreaterThan(0);
    expect(retried.every((delivery) => delivery.attempts.at(-1)?.ok)).toBe(true);
    expect(await stored()).toBeGreaterThan(beforeRestart);

    const { rows } = await pool.query<{ event_key: string; n: number }>(
      `select event_key, count(*)::int as n from webhook_event where external_shop_id = $1 group by event_key`,
      [shopId],
    );
    const messageIds = new Set(all.map((delivery) => delivery.messageId));
    expect(new Set(rows.map((row) => row.event_key))).toEqual(messageIds);
    expect(rows.filter((row) => row.n !== 1)).toEqual([]);
  }, 300_000);
});
