import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { closeChannelAgent, type ChannelDeps } from "@syncstore/channels";
import { startSimulator, testChannelEnv, type RunningSimulator } from "@syncstore/channels/testing";
import { createOrm, sqlRows, type Orm } from "@syncstore/db";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import {
  channelDepsFor,
  listingRows,
  seedSyncFixture,
  setMasterPrices,
  simProducts,
  simTraffic,
  waitFor,
} from "@syncstore/services/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/*
 * Two real worker processes push a burst of price changes to the simulator (which answers
 * slowly); one is killed with SIGKILL mid-run. Its heartbeat goes silent, the other worker
 * force-unlocks its jobs and its expired listing claims are handed back, and every listing ends in
 * sync with each change recorded once.
 */

const PRODUCTS = 60;
const VARIANTS = 2;

let database: TestDatabase;
let orm: Orm;
let sim: RunningSimulator;
let channels: ChannelDeps;
const children: ChildProcess[] = [];

function startWorkerProcess(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("../src/main.ts", import.meta.url))],
    {
      env: {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_URL: database.url,
        BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
        TOKEN_ENCRYPTION_KEY: testChannelEnv.TOKEN_ENCRYPTION_KEY,
        TOKEN_ENCRYPTION_KEY_ID: testChannelEnv.TOKEN_ENCRYPTION_KEY_ID,
        ...sim.env,
        SYNC_RATE_LIMIT_SHOPEE: "0",
        SYNC_RATE_LIMIT_TIKTOK: "0",
        WORKER_CRON: "false",
        WORKER_CONCURRENCY: "4",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

beforeAll(async () => {
  [database, sim] = await Promise.all([createTestDatabase(), startSimulator("31")]);
  orm = await createOrm(database.url, { pool: { min: 0, max: 4 } });
  channels = channelDepsFor(sim, testChannelEnv);
}, 60_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await orm?.close(true);
  await closeChannelAgent();
  sim?.stop();
  await database?.drop();
});

describe("two worker processes, one killed mid-run", () => {
  it("ends with every listing in sync and each change recorded once", async () => {
    const fixture = await seedSyncFixture(orm, sim, channels, {
      organizationId: "org-sync-crash",
      platform: "shopee",
      products: PRODUCTS,
      variants: VARIANTS,
    });
    await sim.admin("PUT", `/shops/shopee/${fixture.shopId}/faults`, { latencyMs: 400 });
    const prices = fixture.variantIds.map((variantId, i) => ({ variantId, price: 3000 + 25 * i }));
    await setMasterPrices(orm, fixture.organizationId, prices);

    const workers = [startWorkerProcess(), startWorkerProcess()];
    const inSync = async () =>
      (await listingRows(orm, fixture.listingIds)).filter((row) => row.sync_state === "in_sync").length;
    // Kill a worker while it holds jobs and claims: mid-run, not before or after.
    const victimPid = await waitFor(
      "a worker mid-run",
      async () => {
        const [held] = await sqlRows<{ pid: number }>(
          orm.em.fork(),
          `select h.pid from graphile_worker._private_jobs j
             join worker_heartbeat h on j.locked_by = any(h.worker_ids)
             join listing l on l.sync_claim is not null
            group by h.pid order by count(*) desc limit 1`,
        );
        const done = await inSync();
        return held && done > 0 && done < fixture.listingIds.length ? held.pid : undefined;
      },
      30_000,
      20,
    );
    const victim = workers.find((w) => w.child.pid === victimPid)!;
    const survivor = workers.find((w) => w !== victim)!;
    victim.child.kill("SIGKILL");
    expect(await victim.exited).toBeNull();

    await waitFor(
      "every listing in sync after the crash",
      async () => (await inSync()) === fixture.listingIds.length,
      120_000,
      250,
    );
    expect(survivor.output()).toContain("released the jobs of silent workers");

    const expected = new Map(
      fixture.products.flatMap((product) =>
        product.variants.map(
          (variant) =>
            [
              `${product.externalProductId}:${variant.externalVariantId}`,
              prices.find((p) => p.variantId === variant.variantId)!.price,
            ] as const,
        ),
      ),
    );
    const onChannel = new Map<string, number>();
    for (const product of await simProducts(sim, "shopee", fixture.shopId))
      for (const variant of product.variants)
        onChannel.set(`${product.id}:${variant.id}`, Math.round(variant.price * 100));
    expect(onChannel).toEqual(expected);

    const succeeded = await sqlRows<{ listing_id: string; n: number }>(
      orm.em.fork(),
      `select listing_id::text, count(*)::int as n from sync_log
        where listing_id = any($1::uuid[]) and operation = 'price' and outcome = 'succeeded' group by listing_id`,
      [fixture.listingIds],
    );
    expect(succeeded).toHaveLength(fixture.listingIds.length);
    expect(succeeded.every((row) => row.n === 1)).toBe(true);
    // One call per product, plus at most what the killed worker had sent but not recorded: per job
    // (4 at once) the calls in flight and those answered but not yet recorded, each at most the call
    // concurrency (4). They are re-sent with the same absolute prices, which changes nothing.
    const calls = (await simTraffic(sim, "shopee", fixture.shopId)).byApi["product.update_price"] ?? 0;
    expect(calls).toBeGreaterThanOrEqual(PRODUCTS);
    expect(calls).toBeLessThanOrEqual(PRODUCTS + 4 * 2 * 4);
    const [left] = await sqlRows<{ n: number }>(
      orm.em.fork(),
      `select count(*)::int as n from listing where id = any($1::uuid[]) and sync_claim is not null`,
      [fixture.listingIds],
    );
    expect(left?.n).toBe(0);

    survivor.child.kill("SIGTERM");
    expect(await survivor.exited).toBe(0);
  }, 180_000);
});
