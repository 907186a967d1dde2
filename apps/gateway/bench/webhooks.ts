/**
 * Webhook ingestion under load: correctly signed Shopee and TikTok events posted on loopback at a
 * fixed concurrency for a fixed time, beside the two ceilings that bound it (a bare node:http
 * endpoint reading the body and answering 200, and single-row INSERT commits on the same database,
 * measured before and after the run), then a count of acknowledged = stored = enqueued, and the CPU
 * spent per event by the gateway and by its PostgreSQL backends (beside the backends' CPU per
 * ceiling commit). Prints figures; asserts nothing.
 *
 *   pnpm bench:webhooks
 *
 * Uses a fresh database on BENCH_DATABASE_URL's (or DATABASE_URL's) server, dropped afterwards;
 * otherwise a throwaway embedded PostgreSQL with durable settings (fsync on). BENCH_SECONDS
 * (default 10) and BENCH_CONNECTIONS (default 64) shape the bare and forgery runs. BENCH_IN_FLIGHT
 * and BENCH_WAIT_MS override the gateway's group-commit `maxInFlight` and `waitMs`, to compare them.
 *
 * The signed events go in BENCH_ROUNDS rounds (default 5) of BENCH_ROUND_SECONDS (default 6), each
 * bracketed by single-row commit runs (4 s): on this machine class the CPU's speed drifts by up to
 * half within minutes, so one run against one ceiling gave ratios from 0.43 to 0.64 × on identical
 * code. Each round is compared with the mean of the two ceilings around it, and the goal is judged
 * on the median round. Three rounds (until stop 27) left that median to one round's luck: single
 * rounds of one run spread over 0.48–0.69 ×, and runs of identical code landed 0.585–0.714 ×.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { signShopeePush, signTikTokWebhook } from "@syncstore/channels/signing";
import { migrateDatabase } from "@syncstore/db";
import pg from "pg";
import { benchDatabase } from "@syncstore/postgres/bench-database";
import { print } from "@syncstore/postgres/report";
import { httpRequest, type PreparedRequest, send, type SendResult } from "./sender";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const roundSeconds = Number(process.env.BENCH_ROUND_SECONDS ?? 6);
/** Each single-row commit ceiling run. */
const ceilingSeconds = Math.min(seconds, 4);
/**
 * The goal is a ratio, not a machine's figure (issue 17): verified, durable, enqueued events at
 * least 0.6 × the 1-row commit ceiling measured in the same run (the median round), and p99 under
 * 50 ms (every round).
 */
const goal = { ofCommitCeiling: 0.6, p99Ms: 50 };

const app = {
  shopeeKey: "bench-shopee-partner-key",
  tiktokKey: "benchtiktokkey",
  tiktokSecret: "bench-tiktok-app-secret",
  shopeeShop: "880001",
  tiktokShop: "7495000000000001",
};

const fmt = (value: number) => Math.round(value).toLocaleString("en");

/** Starts bench/server.ts in its own process and resolves with its port. */
async function startServer(
  mode: "gateway" | "bare",
  databaseUrl: string,
): Promise<{ port: number; pid: number | undefined; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("server.ts", import.meta.url))],
    {
      env: {
        ...process.env,
        BENCH_MODE: mode,
        BENCH_METRICS_TOKEN,
        DATABASE_URL: databaseUrl,
        BENCH_SHOPEE_KEY: app.shopeeKey,
        BENCH_TIKTOK_APP_KEY: app.tiktokKey,
        BENCH_TIKTOK_SECRET: app.tiktokSecret,
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on("line", (line) => {
      const match = /^listening (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`bench server (${mode}) exited with ${code}`)));
  });
  return {
    port,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

let sequence = 0;

function shopeeEvent(): { key: string; body: string } {
  sequence += 1;
  const now = Math.floor(Date.now() / 1000);
  const key = `bench-${sequence}-${randomUUID()}`;
  const body = JSON.stringify({
    msg_id: key,
    code: 3,
    shop_id: Number(app.shopeeShop),
    timestamp: now,
    data: { ordersn: `2611BENCH${sequence}`, status: "READY_TO_SHIP", update_time: now, completed_scenario: "" },
  });
  return { key, body };
}

function tiktokEvent(): { key: string; body: string } {
  sequence += 1;
  const now = Math.floor(Date.now() / 1000);
  const key = `${7_500_000_000_000_000_000n + BigInt(sequence)}${randomBytes(2).toString("hex")}`;
  const body = JSON.stringify({
    type: 1,
    tts_notification_id: key,
    shop_id: app.tiktokShop,
    timestamp: now,
    data: { order_id: `576${sequence}`, order_status: "AWAITING_SHIPMENT", is_on_hold_order: false, update_time: now },
  });
  return { key, body };
}

interface Run {
  result: SendResult;
  perSecond: number;
  /** Requests signed during the run because the prepared events ran out. */
  signedLive: number;
  /** CPU seconds the load generator (this process) used while the requests were sent. */
  generatorCpu: number;
}

/** One round of signed events and the single-row commit ceilings measured just before and after it. */
interface Round {
  run: Run;
  ceilingBefore: number;
  ceilingAfter: number;
  /** Events a second over the mean of the two ceilings. */
  ratio: number;
}

/**
 * Events a gateway run is expected to need at most, per platform: more than this machine class
 * can take (its single-row commit ceiling is 11–23k commits/s). The bare server reads no event, so
 * its run sends the prepared ones again when it outgrows them (its ceiling reached 41k requests/s).
 */
const preparedPerSecond = 20_000;

/**
 * Posts events for `duration` seconds; each connection sends one request at a time (bench/sender.ts,
 * which says why it is not autocannon). The events are built, signed and laid out as request bytes
 * before the clock starts: the load generator shares the gateway's cores, and its own JSON and HMAC
 * work (about 15 µs per event) is no part of what is measured (the bare HTTP ceiling's events are
 * prepared the same way). Each connection alternates Shopee and TikTok events. A gateway run that
 * outgrows the prepared events signs the rest as it goes (`signedLive`); the bare server reads no
 * event, so its run sends the prepared ones again.
 */
async function load(port: number, kind: "signed" | "forged" | "bare", duration = seconds): Promise<Run> {
  const shopeeUrl = `http://127.0.0.1:${port}/webhooks/shopee`;
  const prepare = (platform: "shopee" | "tiktok"): PreparedRequest => {
    const { key, body } = platform === "shopee" ? shopeeEvent() : tiktokEvent();
    const signature =
      kind === "forged"
        ? randomBytes(32).toString("hex")
        : platform === "shopee"
          ? signShopeePush(app.shopeeKey, shopeeUrl, body)
          : signTikTokWebhook(app.tiktokSecret, app.tiktokKey, body);
    const headers = { "Content-Type": "application/json", Authorization: signature };
    return { bytes: httpRequest(`/webhooks/${platform}`, port, headers, body), key, platform };
  };
  const prepared = {
    shopee: Array.from({ length: preparedPerSecond * duration }, () => prepare("shopee")),
    tiktok: Array.from({ length: preparedPerSecond * duration }, () => prepare("tiktok")),
  };
  const next = { shopee: 0, tiktok: 0 };
  /** The platform each connection sends next. */
  const turn: ("shopee" | "tiktok")[] = Array.from({ length: connections }, (_, index) =>
    index % 2 === 0 ? "shopee" : "tiktok",
  );
  let signedLive = 0;
  const before = process.cpuUsage();
  const result = await send({
    port,
    connections,
    durationMs: duration * 1000,
    next: (connection) => {
      const platform = turn[connection] ?? "shopee";
      turn[connection] = platform === "shopee" ? "tiktok" : "shopee";
      const events = prepared[platform];
      let event = events[kind === "bare" ? next[platform] % events.length : next[platform]];
      if (event) next[platform] += 1;
      else {
        event = prepare(platform);
        signedLive += 1;
      }
      return event;
    },
  });
  const used = process.cpuUsage(before);
  const answered = kind === "forged" ? result.non2xx : result.ok;
  return { result, perSecond: answered / duration, signedLive, generatorCpu: (used.user + used.system) / 1e6 };
}

async function singleRowCommits(
  url: string,
  withJob: boolean,
  observer: pg.Client,
): Promise<{ perSecond: number; postgresCpu: number }> {
  const pool = new pg.Pool({ connectionString: url, max: 32, application_name: CEILING_APPLICATION });
  await pool.query(`create table if not exists bench_commit (id bigserial primary key, body text not null)`);
  const { body } = shopeeEvent();
  const sql = withJob
    ? `with i as (insert into bench_commit (body) values ($1) returning id)
       select graphile_worker.add_job('bench-noop', json_build_object('id', i.id)) from i`
    : `insert into bench_commit (body) values ($1)`;
  let commits = 0;
  // Every connection opened first, so the CPU of their backends is read over the whole run.
  await Promise.all(Array.from({ length: 32 }, () => pool.query("select 1")));
  const cpuBefore = await postgresCpuSeconds(observer, CEILING_APPLICATION);
  const until = Date.now() + ceilingSeconds * 1000;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (Date.now() < until) {
        await pool.query(sql, [body]);
        commits += 1;
      }
    }),
  );
  const postgresCpu = (await postgresCpuSeconds(observer, CEILING_APPLICATION)) - cpuBefore;
  await pool.end();
  return { perSecond: commits / ceilingSeconds, postgresCpu: postgresCpu / Math.max(1, commits) };
}

const CEILING_APPLICATION = "syncstore-bench-ceiling";
/** bench/server.ts names its pool so. */
const GATEWAY_APPLICATION = "syncstore-gateway-bench";

/**
 * CPU seconds used so far by the PostgreSQL backends of one application_name (Linux /proc; 0
 * elsewhere, or where the server runs on another machine). A backend that exits between two
 * readings takes its share with it, so the pools measured keep theirs open.
 */
async function postgresCpuSeconds(observer: pg.Client, applicationName: string): Promise<number> {
  const { rows } = await observer.query<{ pid: number }>(
    `select pid from pg_stat_activity where application_name = $1`,
    [applicationName],
  );
  const seconds = await Promise.all(rows.map((row) => cpuSeconds(row.pid)));
  return seconds.reduce((sum, value) => sum + value, 0);
}

/** The bench reads the gateway's batch histograms from /metrics with this token. */
const BENCH_METRICS_TOKEN = "bench-metrics-token-0123456789";

/** CPU seconds a process used so far (Linux /proc; 0 elsewhere). */
async function cpuSeconds(pid: number | undefined): Promise<number> {
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Totals of the gateway's batch histograms, read from its /metrics. */
async function batchStats(port: number): Promise<{ count: number; requests: number; commitSeconds: number }> {
  const text = await (
    await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } })
  ).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? 0);
  return {
    count: value("webhook_batch_size_count"),
    requests: value("webhook_batch_size_sum"),
    commitSeconds: value("webhook_batch_commit_seconds_sum"),
  };
}

/**
 * Removes the warm-up's events and jobs in one transaction. Each gateway batch writes its events
 * and their jobs in one statement; `truncate` waits for every batch still committing (its lock
 * conflicts with their inserts) and blocks later ones until this commits, so events and jobs are
 * removed as pairs. (Two separate statements let a batch commit between them: a false mismatch.)
 */
async function removeWarmUp(setup: pg.Client): Promise<void> {
  await setup.query("begin");
  try {
    await setup.query(`truncate webhook_event`);
    await setup.query(`delete from graphile_worker._private_jobs`);
    await setup.query("commit");
  } catch (error) {
    await setup.query("rollback");
    throw error;
  }
}

function latencyLine(result: SendResult): string {
  const ms = (value: number) => value.toFixed(1);
  return `p50 ${ms(result.latency.p50)} ms, p99 ${ms(result.latency.p99)} ms, max ${ms(result.latency.max)} ms`;
}

async function main(): Promise<void> {
  const database = await benchDatabase("webhooks", { durable: true });
  print(`Webhook ingestion benchmark: ${connections} concurrent senders, ${seconds} s per run, ${database.where}`);
  print(
    `Machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), load average ${loadavg()
      .map((v) => v.toFixed(2))
      .join(" ")}`,
  );
  try {
    await migrateDatabase(database.url);
    const setup = new pg.Client({ connectionString: database.url });
    await setup.connect();
    const organizationId = randomUUID();
    await setup.query(`insert into organization (id, name, slug) values ($1, 'Bench', 'bench')`, [organizationId]);
    for (const [platform, shopId] of [
      ["shopee", app.shopeeShop],
      ["tiktok", app.tiktokShop],
    ]) {
      await setup.query(
        `insert into channel_connection (id, organization_id, platform, external_shop_id, name, status)
         values (gen_random_uuid(), $1, $2, $3, $3, 'active')`,
        [organizationId, platform, shopId],
      );
    }

    const bare = await startServer("bare", database.url);
    const bareCpuBefore = await cpuSeconds(bare.pid);
    const ceiling = await load(bare.port, "bare");
    const bareCpu = (await cpuSeconds(bare.pid)) - bareCpuBefore;
    await bare.stop();
    const { perSecond: commitsBefore, postgresCpu: postgresCpuPerCommit } = await singleRowCommits(
      database.url,
      false,
      setup,
    );
    const { perSecond: commitsWithJob } = await singleRowCommits(database.url, true, setup);

    const gateway = await startServer("gateway", database.url);
    await load(gateway.port, "signed", 2); // warm-up (JIT, pool connections); its events are removed
    await removeWarmUp(setup);
    const batchesBefore = await batchStats(gateway.port);
    const signed: Round[] = [];
    let gatewayCpu = 0;
    let postgresCpu = 0;
    let ceilingBefore = commitsBefore;
    for (let round = 0; round < rounds; round += 1) {
      const cpuBefore = await cpuSeconds(gateway.pid);
      const postgresCpuBefore = await postgresCpuSeconds(setup, GATEWAY_APPLICATION);
      const run = await load(gateway.port, "signed", roundSeconds);
      gatewayCpu += (await cpuSeconds(gateway.pid)) - cpuBefore;
      postgresCpu += (await postgresCpuSeconds(setup, GATEWAY_APPLICATION)) - postgresCpuBefore;
      // The ceiling again, after each round: the round is compared with the mean of the two
      // measurements that bracket it.
      const { perSecond: ceilingAfter } = await singleRowCommits(database.url, false, setup);
      const ceiling = (ceilingBefore + ceilingAfter) / 2;
      signed.push({ run, ceilingBefore, ceilingAfter, ratio: run.perSecond / Math.max(1, ceiling) });
      ceilingBefore = ceilingAfter;
    }
    const batchesAfter = await batchStats(gateway.port);
    const forged = await load(gateway.port, "forged");
    await gateway.stop();
    const ceilings = [commitsBefore, ...signed.map((round) => round.ceilingAfter)];
    const commits = ceilings.reduce((sum, value) => sum + value, 0) / ceilings.length;
    const batches = batchesAfter.count - batchesBefore.count;
    const batchRequests = batchesAfter.requests - batchesBefore.requests;
    const commitSeconds = batchesAfter.commitSeconds - batchesBefore.commitSeconds;
    const answered = signed.reduce((sum, round) => sum + round.run.result.ok, 0);

    const ackShopee = signed.flatMap((round) => round.run.result.acknowledged.shopee);
    const ackTikTok = signed.flatMap((round) => round.run.result.acknowledged.tiktok);
    const { rows } = await setup.query<{ stored: string; jobs: string; found: string; statuses: string | null }>(
      `select (select count(*) from webhook_event)::text as stored,
              (select count(*) from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
                where t.identifier = 'process-webhook-event')::text as jobs,
              ((select count(*) from webhook_event where platform = 'shopee' and event_key = any($1::text[])) +
               (select count(*) from webhook_event where platform = 'tiktok' and event_key = any($2::text[])))::text as found,
              (select string_agg(status || ' ' || n, ', ') from (select status, count(*) n from webhook_event group by status) s) as statuses`,
      [ackShopee, ackTikTok],
    );
    await setup.end();
    const counts = rows[0] ?? { stored: "0", jobs: "0", found: "0", statuses: null };

    const acknowledged = ackShopee.length + ackTikTok.length;
    const byRatio = [...signed].sort((a, b) => a.ratio - b.ratio);
    // The lower of the two middle rounds when their number is even.
    const median = byRatio[Math.floor((byRatio.length - 1) / 2)] as Round;
    const worstP99 = Math.max(...signed.map((round) => round.run.result.latency.p99));
    const met = median.ratio >= goal.ofCommitCeiling && worstP99 < goal.p99Ms;
    const generatorCpu = signed.reduce((sum, round) => sum + round.run.generatorCpu, 0);
    const signedLive = signed.reduce((sum, round) => sum + round.run.signedLive, 0);
    const errors = signed.reduce((sum, round) => sum + round.run.result.errors, 0);
    const non2xx = signed.reduce((sum, round) => sum + round.run.result.non2xx, 0);
    const perEvent = (cpu: number) => ((cpu / Math.max(1, answered)) * 1e6).toFixed(0);
    print("");
    print(
      `HTTP ceiling (bare node:http, 200)         ${fmt(ceiling.perSecond)} req/s   ${latencyLine(ceiling.result)}; ` +
        `server CPU ${((bareCpu / Math.max(1, ceiling.result.ok)) * 1e6).toFixed(0)} µs, load generator CPU ` +
        `${((ceiling.generatorCpu / Math.max(1, ceiling.result.ok)) * 1e6).toFixed(0)} µs per request`,
    );
    print(
      `Durability ceiling (1-row INSERT commits)  ${fmt(commits)} commits/s on average (32 connections; ` +
        `${ceilings.map(fmt).join(", ")} in the ${ceilings.length} runs around the rounds), ` +
        `PostgreSQL CPU ${(postgresCpuPerCommit * 1e6).toFixed(0)} µs per commit`,
    );
    print(`  … with add_job (per-request commit)      ${fmt(commitsWithJob)} commits/s`);
    // Each event costs at least one bare HTTP request and its share of a commit, on the same cores:
    // when both ceilings are CPU-bound (a fast fsync), their costs add up.
    const together = 1 / (1 / Math.max(1, ceiling.perSecond) + 1 / Math.max(1, commits));
    print(
      `HTTP and commit together (1 / (1/HTTP + 1/commit)) ${fmt(together)} /s = ${(together / Math.max(1, commits)).toFixed(2)} × the commit ceiling: ` +
        "what one bare request plus one 1-row commit per event would reach when both are CPU-bound",
    );
    for (const [index, round] of signed.entries()) {
      print(
        `Verified and persisted events, round ${index + 1}   ${fmt(round.run.perSecond)} events/s   ${latencyLine(round.run.result)}` +
          `   = ${round.ratio.toFixed(2)} × the commit ceiling around it (${fmt(round.ceilingBefore)} before, ${fmt(round.ceilingAfter)} after)`,
      );
    }
    print(
      `Verified and persisted events, median round ${fmt(median.run.perSecond)} events/s = ${median.ratio.toFixed(3)} × the commit ceiling ` +
        `(rounds ${byRatio[0]?.ratio.toFixed(2)}–${byRatio.at(-1)?.ratio.toFixed(2)} ×); ` +
        `goal ≥ ${goal.ofCommitCeiling} × (median round), p99 < ${goal.p99Ms} ms (every round; worst ${worstP99.toFixed(1)} ms): ${met ? "met" : "MISSED"}`,
    );
    print(
      `  errors ${errors}, non-2xx ${non2xx}; ` +
        `${(median.run.perSecond / Math.max(1, together)).toFixed(2)} × the two together` +
        (signedLive > 0 ? `; ${fmt(signedLive)} events signed during the runs (prepared ones ran out)` : ""),
    );
    print(
      `  ${fmt(batches)} transactions, ${(batchRequests / Math.max(1, batches)).toFixed(1)} requests each on average, ` +
        `${((commitSeconds / Math.max(1, batches)) * 1000).toFixed(1)} ms per commit; gateway CPU ` +
        `${perEvent(gatewayCpu)} µs per event ` +
        `(${((gatewayCpu / (rounds * roundSeconds)) * 100).toFixed(0)}% of one core), PostgreSQL CPU ` +
        `${perEvent(postgresCpu)} µs per event, load generator CPU ${perEvent(generatorCpu)} µs per event`,
    );
    print(`Rejected forgeries                         ${fmt(forged.perSecond)} req/s   ${latencyLine(forged.result)}`);
    print("");
    print(`Acknowledged (2xx)          ${fmt(acknowledged)}`);
    print(`  of them stored            ${fmt(Number(counts.found))}`);
    print(`Stored events               ${fmt(Number(counts.stored))}   (${counts.statuses ?? "none"})`);
    print(`Processing jobs enqueued    ${fmt(Number(counts.jobs))}`);
    print(
      "(every answer in flight when a run stopped is read before counting: stored exceeds acknowledged only by requests whose answer a connection error lost)",
    );
    const lost = acknowledged - Number(counts.found);
    print(
      lost === 0 && Number(counts.jobs) === Number(counts.stored)
        ? "every acknowledged event is stored, one job per stored event: nothing lost"
        : `MISMATCH: ${lost} acknowledged events not stored, ${counts.jobs} jobs for ${counts.stored} events`,
    );
  } finally {
    await database.drop();
  }
}

await main();
