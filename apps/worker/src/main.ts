import { ConfigError, getConfig } from "@syncstore/config";
import { createJobDeps, createTaskList, crontab, releaseExpiredClaims } from "@syncstore/services";
import { startTracing } from "@syncstore/services/tracing";
import pg from "pg";
import { createLogger } from "./logger";
import { startWorker, stopWorker } from "./runner";
import { poolSizeFor } from "./settings";

/** Below the usual 30 s between SIGTERM and SIGKILL (Kubernetes, docker stop --time). */
const SHUTDOWN_TIMEOUT_MS = 25_000;

async function main(): Promise<void> {
  const config = getConfig();
  const logger = createLogger(config.LOG_LEVEL, undefined, config.LOG_FORMAT);
  // Jobs continue the traces their producers stored (OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set).
  const tracing = startTracing({ serviceName: "syncstore-worker" });
  const concurrency = config.WORKER_CONCURRENCY;
  // graphile-worker and the realtime emitter share this pool; tasks use the ORM's own pool.
  const pool = new pg.Pool({
    connectionString: config.DATABASE_URL,
    max: poolSizeFor(concurrency) + 2,
    application_name: "syncstore-worker",
  });
  pool.on("error", (err) => logger.error({ err }, "idle PostgreSQL connection failed"));
  pool.on("connect", (client) => client.on("error", (err) => logger.error({ err }, "PostgreSQL connection failed")));
  const deps = await createJobDeps({ config, logger, pool });
  const worker = await startWorker({
    pgPool: pool,
    taskList: createTaskList(deps),
    crontab: config.WORKER_CRON ? crontab : "",
    logger,
    tuning: { concurrency },
    // Each beat also hands listings whose sync claim expired (a killed worker's pushes) back to the queue.
    heartbeat: {
      onTick: async () => {
        const released = await releaseExpiredClaims(deps.orm.em.fork());
        if (released > 0) logger.warn({ released }, "released expired sync claims");
      },
    },
  });
  logger.info({ concurrency, cron: config.WORKER_CRON, tracing: tracing.exporter }, "worker started");

  const release = async () => {
    await deps.orm.close();
    await pool.end();
    await tracing.shutdown();
  };

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "worker shutting down: finishing running jobs");
    stopWorker(worker, { timeoutMs: SHUTDOWN_TIMEOUT_MS, logger })
      .then(async (outcome) => {
        await release();
        logger.info({ outcome }, "worker stopped");
        process.exit(0);
      })
      .catch((err: unknown) => {
        logger.error({ err }, "worker shutdown failed");
        process.exit(1);
      });
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);

  worker.runner.promise.catch(async (err: unknown) => {
    if (stopping) return;
    logger.fatal({ err }, "worker stopped unexpectedly");
    await release().catch(() => undefined);
    process.exit(1);
  });
}

main().catch((err: unknown) => {
  process.stderr.write(
    `${err instanceof ConfigError ? err.message : String(err instanceof Error ? err.stack : err)}\n`,
  );
  process.exit(1);
});
