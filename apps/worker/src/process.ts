import type { Env } from "@syncstore/config";
import { createJobDeps, createTaskList, crontab, releaseExpiredClaims } from "@syncstore/services";
import { startTracing, type TracingEnv } from "@syncstore/services/tracing";
import pg from "pg";
import type { Logger } from "./logger";
import { startWorker, stopWorker, type StartedWorker, type StopOutcome } from "./runner";
import { poolSizeFor } from "./settings";

/** Below the usual 30 s between SIGTERM and SIGKILL (Kubernetes, docker stop --time). */
export const SHUTDOWN_TIMEOUT_MS = 25_000;

export interface WorkerProcess {
  worker: StartedWorker;
  /** graphile-worker's and the realtime emitter's pool (tasks use the ORM's own). */
  pool: pg.Pool;
  /**
   * Stops taking jobs, lets running ones finish (failing them after the timeout so they retry),
   * then closes the database pools and flushes traces. Calling it again returns the same stop.
   */
  stop(signal: NodeJS.Signals): Promise<StopOutcome>;
  /** Closes the pools and flushes traces without waiting for jobs (after the runner failed). */
  release(): Promise<void>;
}

export interface StartWorkerProcessOptions {
  config: Env;
  logger: Logger;
  shutdownTimeoutMs?: number;
  /** Tracing settings (OTEL_* variables); the process environment by default. */
  tracingEnv?: TracingEnv;
}

/**
 * The worker process: tracing (jobs continue the traces their producers stored; OTLP when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set), the job runner with the production task list, the schedule
 * when WORKER_CRON, and a heartbeat that also hands expired sync claims (a killed worker's
 * pushes) back to the queue. `main.ts` wires it to signals and the exit code.
 */
export async function startWorkerProcess(options: StartWorkerProcessOptions): Promise<WorkerProcess> {
  const { config, logger } = options;
  const tracing = startTracing({ serviceName: "syncstore-worker", env: options.tracingEnv });
  const concurrency = config.WORKER_CONCURRENCY;
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
    heartbeat: {
      onTick: async () => {
        const released = await releaseExpiredClaims(deps.orm.em.fork());
        if (released > 0) logger.warn({ released }, "released expired sync claims");
      },
    },
  });
  logger.info({ concurrency, cron: config.WORKER_CRON, tracing: tracing.exporter }, "worker started");

  let released: Promise<void> | undefined;
  const release = () =>
    (released ??= (async () => {
      await deps.orm.close();
      await pool.end();
      await tracing.shutdown();
    })());
  let stopping: Promise<StopOutcome> | undefined;
  const stop = (signal: NodeJS.Signals) =>
    (stopping ??= (async () => {
      logger.info({ signal }, "worker shutting down: finishing running jobs");
      const outcome = await stopWorker(worker, {
        timeoutMs: options.shutdownTimeoutMs ?? SHUTDOWN_TIMEOUT_MS,
        logger,
      });
      await release();
      logger.info({ outcome }, "worker stopped");
      return outcome;
    })());
  return { worker, pool, stop, release };
}
