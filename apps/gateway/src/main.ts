import { getAuth } from "@syncstore/auth";
import { ConfigError, getConfig, webhookCallbackUrls } from "@syncstore/config";
import { migrationsList } from "@syncstore/db";
import { startTracing } from "@syncstore/services/tracing";
import pg from "pg";
import { createServer } from "node:http";
import { createMetricsApp } from "./app";
import { createGateway, PortInUseError } from "./gateway";
import { createLogger } from "./logger";
import { betterAuthSessionResolver } from "./realtime/better-auth";

/** How long in-flight requests get to finish after SIGTERM before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

/** Names of the migrations packages/db ships (its explicit list), for `/readyz`. */
function shippedMigrations(): string[] {
  return migrationsList.map((migration) => migration.name);
}

async function main(): Promise<void> {
  const config = getConfig();
  const webhookUrls = webhookCallbackUrls(config);
  const logger = createLogger(config.LOG_LEVEL, undefined, config.LOG_FORMAT);
  // Webhook requests are server spans; their processing jobs continue them (docs/observability.md).
  const tracing = startTracing({ serviceName: "syncstore-gateway" });
  const pool = new pg.Pool({
    connectionString: config.DATABASE_URL,
    max: config.DATABASE_POOL_MAX,
    connectionTimeoutMillis: 5_000,
    application_name: "syncstore-gateway",
  });
  pool.on("error", (err) => logger.error({ err }, "idle PostgreSQL connection failed"));
  // The postgres adapter keeps one client checked out for LISTEN; a dropped connection must be
  // logged (the adapter reconnects), not crash the process as an unhandled 'error' event.
  pool.on("connect", (client) => client.on("error", (err) => logger.error({ err }, "PostgreSQL connection failed")));

  const gateway = createGateway({
    pool,
    logger,
    expectedMigrations: shippedMigrations(),
    trustProxy: config.TRUST_PROXY,
    metricsToken: config.METRICS_TOKEN,
    webUrl: config.WEB_URL,
    resolveSession: betterAuthSessionResolver(getAuth(pool)),
    webhooks: {
      credentials: {
        shopee: { partnerKey: config.SHOPEE_PARTNER_KEY, callbackUrl: webhookUrls.shopee },
        tiktok: { appKey: config.TIKTOK_APP_KEY, appSecret: config.TIKTOK_APP_SECRET },
      },
      maxBodyBytes: config.WEBHOOK_MAX_BODY_BYTES,
      maxAgeSeconds: config.WEBHOOK_MAX_AGE_SECONDS,
      badSignaturesPerMinute: config.WEBHOOK_BAD_SIGNATURES_PER_MINUTE,
      // Two batches pipeline (one inserts while the other commits; see `maxInFlight`); leave pool
      // connections for the realtime adapter, readiness and the counters.
      batch: { maxInFlight: Math.max(1, Math.min(2, config.DATABASE_POOL_MAX - 3)) },
    },
  });

  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, "gateway shutting down");
    const force = setTimeout(() => {
      logger.warn("shutdown timed out; exiting with requests still open");
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    force.unref();
    gateway
      .close()
      .then(() => pool.end())
      .then(() => tracing.shutdown())
      .then(
        () => {
          logger.info("gateway stopped");
          process.exit(0);
        },
        (err: unknown) => {
          logger.error({ err }, "gateway shutdown failed");
          process.exit(1);
        },
      );
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);

  try {
    const port = await gateway.listen(config.GATEWAY_PORT);
    if (config.METRICS_PORT !== undefined) {
      const metricsServer = createServer({ connectionsCheckingInterval: 1_000 }, createMetricsApp(gateway.metrics));
      metricsServer.headersTimeout = 10_000;
      metricsServer.requestTimeout = 10_000;
      metricsServer.unref();
      metricsServer.listen(config.METRICS_PORT, config.METRICS_HOST, () =>
        logger.info({ port: config.METRICS_PORT, host: config.METRICS_HOST }, "metrics listening"),
      );
    }
    logger.info({ port, realtime: `${config.GATEWAY_URL}/realtime`, webhooks: webhookUrls }, "gateway listening");
  } catch (err) {
    if (err instanceof PortInUseError) logger.fatal(err.message);
    else logger.fatal({ err }, "gateway failed to start");
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  // Configuration errors already say what to change; print them without a stack.
  process.stderr.write(
    `${err instanceof ConfigError ? err.message : String(err instanceof Error ? err.stack : err)}\n`,
  );
  process.exit(1);
});
