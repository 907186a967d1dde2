/**
 * Seller-centre edit → conflict on the Conflicts page, through the real parts, one edit at a time
 * at idle: the seller renames a product in the TikTok Shop simulator's seller centre (admin API),
 * which sends TikTok's type-15 PRODUCT_INFORMATION_CHANGE webhook (change_source SELLER_CENTER) to
 * this gateway (verified, stored with its job); a worker process (apps/worker, production task
 * list and settings) processes it and detection opens a conflict (the default title policy); the
 * `conflicts.changed` event reaches a socket.io client signed in with a better-auth session; the
 * page's query (tRPC `conflicts.list`, a new context per call as per HTTP request) then returns it.
 *
 * Reports p50/p95 of edit → event and edit → listed, where the time goes (from the database's own
 * timestamps), and the ceiling measured in the same run: the chain's fixed hops on their own (a
 * signed webhook POST answered once stored, a realtime event from PostgreSQL to the socket, one
 * `conflicts.list` call), against which the ratio is given. Prints figures; asserts nothing.
 *
 *   pnpm bench:conflicts-latency
 *
 * BENCH_EDITS (default 30) edits, each on its own product, after one warm-up edit. Uses a fresh
 * database on BENCH_DATABASE_URL's (or DATABASE_URL's) server, dropped afterwards; otherwise a
 * throwaway embedded PostgreSQL. Figures from a shared, loaded machine are upper bounds.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { appRouter, createCallerFactory, createContext, type ApiDeps } from "@syncstore/api";
import { createAuth } from "@syncstore/auth";
import { closeChannelAgent } from "@syncstore/channels";
import { startSimulator, testChannelEnv } from "@syncstore/channels/testing";
import { createOrm, migrateDatabase, migrationsList } from "@syncstore/db";
import { benchDatabase } from "@syncstore/postgres/bench-database";
import { percentile, print } from "@syncstore/postgres/report";
import {
  createRealtimeEmitter,
  REALTIME_PATH,
  type ConflictsChangedPayload,
  type ServerToClientEvents,
} from "@syncstore/realtime";
import { channelDepsFor, seedSyncFixture } from "@syncstore/services/testing";
import { timeBareWebhook } from "@syncstore/services/testing/webhooks";
import pg from "pg";
import pino from "pino";
import { io as connectSocket, type Socket } from "socket.io-client";
import { createGateway } from "../src/gateway";
import { betterAuthSessionResolver } from "../src/realtime/better-auth";

const EDITS = Number(process.env.BENCH_EDITS ?? 30);
/** Each hop of the ceiling is measured this many times. */
const CEILING_SAMPLES = Math.max(EDITS, 30);
const TIMEOUT_MS = 60_000;
const WEB_URL = "http://localhost:3000";
const AUTH_SECRET = "bench-secret-bench-secret-bench-secret-01";
/** A TikTok shop no connection knows: its events are stored and their jobs held (see unknownShopDelayMs). */
const UNCONNECTED_SHOP = "7499999999999999999";

const silent = pino({ level: "silent" });

/** The `p`th percentile (0-100) of unsorted values. */
const percentileOf = (values: number[], p: number) =>
  percentile(
    [...values].sort((a, b) => a - b),
    p / 100,
  );

const ms = (value: number) => `${Math.round(value)} ms`;
const line = (values: number[]) =>
  `p50 ${ms(percentileOf(values, 50)).padStart(7)}   p95 ${ms(percentileOf(values, 95)).padStart(7)}   max ${ms(Math.max(...values)).padStart(7)}`;

/** The production worker (apps/worker/src/main.ts) in its own process, pointed at the simulator. */
async function startWorkerProcess(databaseUrl: string, simEnv: Record<string, string>): Promise<ChildProcess> {
  const channelEnv = Object.fromEntries(Object.entries(testChannelEnv).map(([key, value]) => [key, String(value)]));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("../../worker/src/main.ts", import.meta.url))],
    {
      env: {
        ...process.env,
        ...channelEnv,
        ...simEnv,
        NODE_ENV: "test",
        DATABASE_URL: databaseUrl,
        WEB_URL,
        WORKER_CRON: "false",
        WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY ?? "4",
        LOG_LEVEL: "info",
        LOG_FORMAT: "json",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on("line", (text) => {
      let record: { level?: number; msg?: string } = {};
      try {
        record = JSON.parse(text) as typeof record;
      } catch {
        return;
      }
      if (record.msg === "worker started") resolve();
      // Warnings and errors are worth seeing: a failing job would make the figures meaningless.
      else if ((record.level ?? 0) >= 40) process.stderr.write(`worker: ${text}\n`);
    });
    child.once("exit", (code) => reject(new Error(`the worker process exited with ${code} before starting`)));
  });
  return child;
}

async function main(): Promise<void> {
  const database = await benchDatabase("conflicts_latency");
  const sim = await startSimulator("43");
  print(
    `Seller-centre edit → conflict on the page: ${EDITS} sequential TikTok title edits at idle, ${database.where}`,
    `Machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), load average ${loadavg()
      .map((v) => v.toFixed(2))
      .join(" ")}`,
  );
  await migrateDatabase(database.url);
  const orm = await createOrm(database.url, { pool: { min: 0, max: 4 } });
  const pool = new pg.Pool({ connectionString: database.url, max: 8, application_name: "bench-conflicts-latency" });
  pool.on("error", () => undefined);
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    // A signed-in owner: the socket's handshake and the page's query both carry the session cookie.
    const auth = createAuth({ pool, secret: AUTH_SECRET, baseURL: WEB_URL, rateLimitMax: 1_000 });
    await auth.api.signUpEmail({
      body: { email: "latency@example.test", password: "correct-horse-battery-9", name: "Latency" },
    });
    const signIn = await auth.api.signInEmail({
      body: { email: "latency@example.test", password: "correct-horse-battery-9" },
      asResponse: true,
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((header) => header.split(";")[0])
      .join("; ");
    const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
    const organizationId = session?.session.activeOrganizationId;
    if (!organizationId) throw new Error("the signed-in user has no active organization");

    // A Singapore merchant: amounts in SGD like the SG shop's (the fixture's prices are shop-currency amounts).
    await pool.query(`update organization set currency = 'SGD' where id = $1`, [organizationId]);
    // A TikTok shop on the simulator, connected through its real authorization, one in-sync listing per product.
    const channels = channelDepsFor(sim, testChannelEnv);
    const fixture = await seedSyncFixture(orm, sim, channels, {
      organizationId,
      platform: "tiktok",
      products: EDITS + 1,
      variants: 1,
    });

    const gateway = createGateway({
      pool,
      logger: silent,
      expectedMigrations: migrationsList.map((migration) => migration.name),
      webUrl: WEB_URL,
      resolveSession: betterAuthSessionResolver(auth),
      webhooks: {
        credentials: {
          shopee: { partnerKey: testChannelEnv.SHOPEE_PARTNER_KEY, callbackUrl: "http://127.0.0.1/webhooks/shopee" },
          tiktok: { appKey: testChannelEnv.TIKTOK_APP_KEY, appSecret: testChannelEnv.TIKTOK_APP_SECRET },
        },
        maxBodyBytes: 64 * 1024,
        maxAgeSeconds: 600,
        badSignaturesPerMinute: 1_000,
        // The ceiling's events are for a shop no connection knows: their jobs stay held for the run.
        batch: { unknownShopDelayMs: 3_600_000 },
      },
    });
    const port = await gateway.listen(0, "127.0.0.1");
    cleanups.push(() => gateway.close());
    const webhookUrl = `http://127.0.0.1:${port}/webhooks/tiktok`;
    await sim.admin("PUT", "/webhooks/targets", { tiktok: webhookUrl });

    const worker = await startWorkerProcess(database.url, sim.env);
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          if (worker.exitCode !== null) return resolve();
          worker.once("exit", () => resolve());
          worker.kill("SIGTERM");
        }),
    );

    const socket: Socket<ServerToClientEvents> = connectSocket(`http://127.0.0.1:${port}`, {
      path: REALTIME_PATH,
      transports: ["websocket"],
      reconnection: false,
      extraHeaders: { cookie, origin: WEB_URL },
    });
    cleanups.push(() => void socket.disconnect());
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    /** Resolves with the arrival time of the first `conflicts.changed` that `match` accepts. */
    const nextConflictsChanged = (match: (payload: ConflictsChangedPayload) => boolean) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          socket.off("conflicts.changed", listener);
          reject(new Error(`no matching conflicts.changed within ${TIMEOUT_MS} ms`));
        }, TIMEOUT_MS);
        const listener = (payload: ConflictsChangedPayload) => {
          if (!match(payload)) return;
          const at = performance.now();
          clearTimeout(timer);
          socket.off("conflicts.changed", listener);
          resolve(at);
        };
        socket.on("conflicts.changed", listener);
      });

    // The page's query: tRPC conflicts.list, a new context (session lookup) per call as per HTTP request.
    const apiDeps: ApiDeps = {
      orm,
      auth,
      realtime: createRealtimeEmitter(pool),
      logger: silent,
      webUrl: WEB_URL,
      channels,
      limits: { perUserPerMinute: 1_000_000, perAddressPerMinute: 1_000_000 },
    };
    const createCaller = createCallerFactory(appRouter);
    const listConflicts = async () =>
      (
        await createCaller(
          await createContext({ headers: new Headers({ cookie, "user-agent": "bench" }), deps: apiDeps }),
        )
      ).conflicts.list({});

    const idle = async () => {
      // Sequential at idle: the queue is empty (the job's completion committed) before the next edit.
      const started = Date.now();
      for (;;) {
        const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from graphile_worker._private_jobs
            where (run_at <= now() or locked_at is not null) and attempts < max_attempts`);
        if (rows[0]?.n === 0) return;
        if (Date.now() - started > TIMEOUT_MS) throw new Error("the job queue did not empty");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };

    interface Sample {
      toEvent: number;
      toListed: number;
      listCalls: number;
      stored: number;
      processed: number;
    }
    async function edit(index: number): Promise<Sample> {
      const product = fixture.products[index];
      const listingId = product?.variants[0]?.listingId;
      if (!product || !listingId) throw new Error(`no product ${index}`);
      const event = nextConflictsChanged(
        (payload) => payload.opened.length > 0 && payload.listingIds.includes(listingId),
      );
      const wallStart = Date.now();
      const t0 = performance.now();
      await sim.admin("PATCH", `/shops/tiktok/${fixture.shopId}/products/${product.externalProductId}`, {
        title: `Seller-centre title ${index} ${randomBytes(3).toString("hex")}`,
      });
      const eventAt = await event;
      // The page refetches on the event; a list without the conflict would need another try.
      let listCalls = 0;
      for (;;) {
        listCalls += 1;
        const { rows } = await listConflicts();
        if (rows.some((row) => row.listingId === listingId)) break;
        if (performance.now() - t0 > TIMEOUT_MS) throw new Error(`the conflict of ${listingId} was never listed`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const listedAt = performance.now();
      // Where the time went, from the database's timestamps (same host clock as Date.now()).
      const { rows } = await pool.query<{ received: number; processed: number }>(
        `select extract(epoch from received_at) * 1000 as received, extract(epoch from processed_at) * 1000 as processed
           from webhook_event where connection_id = $1 and body like '%' || $2 || '%' and processed_at is not null
          order by received_at desc limit 1`,
        [fixture.connectionId, product.externalProductId],
      );
      await idle();
      return {
        toEvent: eventAt - t0,
        toListed: listedAt - t0,
        listCalls,
        stored: Number(rows[0]?.received ?? Number.NaN) - wallStart,
        processed: Number(rows[0]?.processed ?? Number.NaN) - wallStart,
      };
    }

    await edit(0); // warm-up: JIT, pools, the shop directory's cache; not counted
    const samples: Sample[] = [];
    for (let index = 1; index <= EDITS; index++) samples.push(await edit(index));

    // Ceiling hop 1: a signed TikTok webhook answered by the gateway once stored with its job.
    const acknowledge: number[] = [];
    for (let i = 0; i < CEILING_SAMPLES; i++) acknowledge.push(await timeBareWebhook(webhookUrl, UNCONNECTED_SHOP));

    // Ceiling hop 2: a conflicts.changed emitted on PostgreSQL (as the worker does) reaching the socket.
    const emitter = createRealtimeEmitter(pool);
    const realtime: number[] = [];
    for (let i = 0; i < CEILING_SAMPLES; i++) {
      const marker = `ceiling-${i}`;
      const arrived = nextConflictsChanged((payload) => payload.listingIds.includes(marker));
      const t0 = performance.now();
      await emitter
        .toOrganization(organizationId)
        .emit("conflicts.changed", { opened: [], closed: [], listingIds: [marker], at: new Date().toISOString() });
      realtime.push((await arrived) - t0);
    }

    // Ceiling hop 3: the page's list query alone (with the run's conflicts in it).
    const listing: number[] = [];
    let listed = 0;
    for (let i = 0; i < CEILING_SAMPLES; i++) {
      const t0 = performance.now();
      listed = (await listConflicts()).total;
      listing.push(performance.now() - t0);
    }

    const { rows: opened } = await pool.query<{ field_group: string; n: number; listings: number }>(
      `select field_group, count(*)::int as n, count(distinct listing_id)::int as listings
         from conflict where organization_id = $1 and status = 'open' group by field_group order by field_group`,
      [organizationId],
    );
    const toEvent = samples.map((s) => s.toEvent);
    const toListed = samples.map((s) => s.toListed);
    const ceiling = percentileOf(acknowledge, 50) + percentileOf(realtime, 50) + percentileOf(listing, 50);
    const retried = samples.filter((s) => s.listCalls > 1).length;
    print(
      "",
      "Measured on a shared, loaded machine: treat as upper bounds; the ratio is what compares.",
      `  edit → conflicts.changed on the socket   ${line(toEvent)}`,
      `  edit → listed by conflicts.list          ${line(toListed)}`,
      `    list calls after the event: ${retried === 0 ? "the first call listed it every time" : `${retried} of ${EDITS} edits needed more than one`}`,
      `    open conflicts at the end: ${listed} listed for ${EDITS + 1} edits (with the warm-up): ${opened
        .map((row) => `${row.field_group} ${row.n} on ${row.listings} listings`)
        .join(", ")}`,
      "  where the time goes (p50, database timestamps from the edit's start):",
      `    stored by the gateway (edit, webhook sent, verified, batch transaction began)  ${ms(
        percentileOf(
          samples.map((s) => s.stored),
          50,
        ),
      )}`,
      `    worker's transaction began (job picked up, product read from the platform)   ${ms(
        percentileOf(
          samples.map((s) => s.processed),
          50,
        ),
      )}`,
      `  ceiling, the chain's fixed hops measured alone in this run (p50 each):`,
      `    signed webhook POST → stored with its job, answered   ${line(acknowledge)}`,
      `    realtime event PostgreSQL → socket.io client          ${line(realtime)}`,
      `    conflicts.list (session, query) alone                 ${line(listing)}`,
      `    sum of the p50s: ${ms(ceiling)}`,
      `  ratio edit → listed (p50) / ceiling: ${(percentileOf(toListed, 50) / ceiling).toFixed(1)}x`,
      "  (TikTok's content review is off on the simulated shop: a reviewed edit adds the platform's review time.)",
    );
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await orm.close(true);
    await pool.end();
    await closeChannelAgent();
    sim.stop();
    await database.drop();
  }
}

await main();
