import { type Server } from "node:http";
import { type AddressInfo } from "node:net";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import { migrationsList } from "@syncstore/db";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGatewayApp, createMetricsApp } from "../src/app";
import { createMetrics } from "../src/http/metrics";
import { memoryLogger } from "./helpers";

const shipped = migrationsList.map((migration) => migration.name);

let database: TestDatabase;
const pools: pg.Pool[] = [];
const servers: Server[] = [];

function poolFor(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 2000 });
  pool.on("error", () => undefined);
  pools.push(pool);
  return pool;
}

/** Serves a gateway app on a free port and returns its base URL. */
async function serve(options: Partial<Parameters<typeof createGatewayApp>[0]> = {}) {
  const log = memoryLogger();
  const { app } = createGatewayApp({
    pool: poolFor(database.url),
    logger: log.logger,
    expectedMigrations: shipped,
    ...options,
  });
  const server = app.listen(0);
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, log };
}

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await Promise.all(pools.map((pool) => pool.end()));
  await database.drop();
});

describe("probes", () => {
  it("/healthz answers while the process is up", async () => {
    const { base } = await serve();
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });

  it("/readyz is ready on a migrated database", async () => {
    const { base } = await serve();
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready" });
  });

  it("/readyz is 503 with a reason on a database without our schema", async () => {
    const admin = poolFor(database.url);
    const empty = `${database.name}_empty`;
    await admin.query(`create database ${empty}`);
    try {
      const emptyPool = poolFor(database.url.replace(database.name, empty));
      const { base } = await serve({ pool: emptyPool });
      const response = await fetch(`${base}/readyz`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as {
        status: string;
        reason: string;
        pendingMigrations: string[];
        requestId: string;
      };
      expect(body.status).toBe("unavailable");
      expect(body.reason).toMatch(/schema is missing.*mikro_orm_migrations.*db:migrate/);
      expect(body.pendingMigrations).toEqual(shipped);
      expect(body.requestId).toBe(response.headers.get("x-request-id"));
      await emptyPool.end();
      pools.splice(pools.indexOf(emptyPool), 1);
    } finally {
      await admin.query(`drop database if exists ${empty} with (force)`);
    }
  });

  it("/readyz is 503 naming the migrations a newer release ships but the database lacks", async () => {
    const { base } = await serve({ expectedMigrations: [...shipped, "Migration29990101000000_future.ts"] });
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      reason: expect.stringMatching(/1 migration\(s\) not applied/),
      pendingMigrations: ["Migration29990101000000_future"],
    });
  });

  it("/readyz is 503 when PostgreSQL is unreachable", async () => {
    const { base } = await serve({ pool: poolFor("postgres://postgres@127.0.0.1:1/nothing") });
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ reason: "PostgreSQL is unreachable" });
  });

  it("/metrics exposes default process metrics and the request histogram by route", async () => {
    const { base } = await serve({ metricsToken: "metrics-token-0123456789" });
    await fetch(`${base}/healthz`);
    await fetch(`${base}/no/such/page`);
    const response = await fetch(`${base}/metrics`, { headers: { authorization: "Bearer metrics-token-0123456789" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain("process_cpu_user_seconds_total");
    expect(text).toContain("nodejs_eventloop_lag_seconds");
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} 1/);
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} 1/);
    expect(text).toContain("realtime_connected_sockets");
  });
});

describe("HTTP conventions", () => {
  it("answers unknown routes with JSON 404 carrying the request id", async () => {
    const { base } = await serve();
    const response = await fetch(`${base}/nope`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    const body = (await response.json()) as { error: { code: string }; requestId: string };
    expect(body.error.code).toBe("NOT_FOUND");
    expect(body.requestId).toBe(response.headers.get("x-request-id"));
  });

  it("echoes a well-formed X-Request-Id and replaces a malformed one", async () => {
    const { base, log } = await serve();
    const echoed = await fetch(`${base}/healthz`, { headers: { "X-Request-Id": "edge-7f3a.1" } });
    expect(echoed.headers.get("x-request-id")).toBe("edge-7f3a.1");
    const replaced = await fetch(`${base}/nope`, { headers: { "X-Request-Id": "bad id\twith spaces" } });
    const generated = replaced.headers.get("x-request-id");
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await replaced.json()) as { requestId: string }).requestId).toBe(generated);
    const line = log.lines().find((entry) => (entry.req as { id?: string } | undefined)?.id === generated);
    expect(line).toMatchObject({ res: { statusCode: 404 } });
  });

  it("refuses a JSON body over 1 MB with a JSON 413", async () => {
    const { base } = await serve();
    const response = await fetch(`${base}/webhooks/anything`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ blob: "x".repeat(1024 * 1024 + 10) }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { code: string; message: string }; requestId: string };
    expect(body.error).toEqual({ code: "PAYLOAD_TOO_LARGE", message: "Request body is too large" });
    expect(body.requestId).toBe(response.headers.get("x-request-id"));
  });

  it("answers malformed JSON with a 400 and no stack trace", async () => {
    const { base } = await serve();
    const response = await fetch(`${base}/webhooks/anything`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toMatch(/at .*\.js:\d+/);
    expect(JSON.parse(text)).toMatchObject({ error: { code: "BAD_REQUEST" } });
  });

  it("sets security headers", async () => {
    const { base } = await serve();
    const response = await fetch(`${base}/healthz`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("never writes cookies or authorization headers to the log", async () => {
    const { base, log } = await serve();
    await fetch(`${base}/nope`, {
      headers: { cookie: "better-auth.session_token=super-secret-cookie", authorization: "Bearer super-secret-token" },
    });
    expect(log.text()).not.toContain("super-secret");
    const line = log.lines().find((entry) => (entry.res as { statusCode?: number } | undefined)?.statusCode === 404);
    expect(line).toMatchObject({ req: { headers: { cookie: "[redacted]", authorization: "[redacted]" } } });
  });
});

describe("hardening (findings 1 and 10)", () => {
  it("serves /metrics on the public port only with the configured bearer token", async () => {
    const open = await serve();
    expect((await fetch(`${open.base}/metrics`)).status).toBe(404);
    const guarded = await serve({ metricsToken: "metrics-token-0123456789" });
    expect((await fetch(`${guarded.base}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${guarded.base}/metrics`, {
      headers: { authorization: "Bearer metrics-token-0123456780" },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${guarded.base}/metrics`, {
      headers: { authorization: "Bearer metrics-token-0123456789" },
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain("process_cpu_user_seconds_total");
  });

  it("serves /metrics without a token on the separate metrics app", async () => {
    const metricsApp = createMetricsApp(createMetrics());
    const server = metricsApp.listen(0);
    servers.push(server);
    await new Promise((resolve) => server.once("listening", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
    expect((await fetch(`${base}/healthz`)).status).toBe(404);
  });

  it("rate-limits by the address the trusted proxy saw, not the entries a client wrote", async () => {
    const { base } = await serve({ trustProxy: 1, rateLimitPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`${base}/anything`, { headers: { "x-forwarded-for": `6.6.6.${i}, 203.0.113.9` } });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([404, 404, 404, 429, 429, 429]);
  });

  it("ignores X-Forwarded-For entirely when no proxy is trusted", async () => {
    const { base } = await serve({ rateLimitPerMinute: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await fetch(`${base}/anything`, { headers: { "x-forwarded-for": `6.6.6.${i}` } })).status);
    }
    expect(statuses).toEqual([404, 404, 429, 429]);
  });
});
