import { EventEmitter } from "node:events";
import { run, type Runner, type TaskList, type WorkerEvents, type WorkerPool } from "graphile-worker";
import { type Pool } from "pg";
import { startHeartbeat, type Heartbeat, type HeartbeatOptions } from "./heartbeat";
import { graphileLogger, type Logger } from "./logger";
import { defaultPreset, tunedPreset, type WorkerTuning } from "./settings";

export interface StartWorkerOptions {
  pgPool: Pool;
  taskList: TaskList;
  /** graphile-worker crontab text; empty when this replica must not run the schedule. */
  crontab: string;
  logger: Logger;
  tuning: WorkerTuning;
  /** false runs graphile-worker's defaults (benchmark baseline). */
  tuned?: boolean;
  /**
   * Heartbeat and reaping of silent workers (see heartbeat.ts); on by default, `false` turns it
   * off (benchmarks of graphile-worker alone).
   */
  heartbeat?: Pick<HeartbeatOptions, "intervalMs" | "staleMs" | "onTick"> | false;
}

export interface StartedWorker {
  runner: Runner;
  /** The runner's job pool, once created (needed to force a shutdown, see `stopWorker`). */
  workerPool(): WorkerPool | undefined;
  heartbeat: Heartbeat | null;
}

/**
 * Starts graphile-worker. Signals are ours (see `stopWorker`): graphile-worker's own handlers
 * would call process.exit themselves.
 */
export async function startWorker(options: StartWorkerOptions): Promise<StartedWorker> {
  const preset = options.tuned === false ? defaultPreset(options.tuning) : tunedPreset(options.tuning);
  const events = new EventEmitter() as WorkerEvents;
  let pool: WorkerPool | undefined;
  const workerIds = new Set<string>();
  events.on("pool:create", ({ workerPool }) => {
    pool = workerPool;
  });
  events.on("worker:create", ({ worker }) => {
    workerIds.add(worker.workerId);
  });
  events.on("worker:release", ({ worker }) => {
    workerIds.delete(worker.workerId);
  });
  const runner = await run({
    pgPool: options.pgPool,
    taskList: options.taskList,
    crontab: options.crontab,
    logger: graphileLogger(options.logger),
    noHandleSignals: true,
    events,
    preset,
  });
  const heartbeat =
    options.heartbeat === false
      ? null
      : startHeartbeat({
          pool: options.pgPool,
          logger: options.logger,
          ids: () => ({ poolId: pool?.id, workerIds: [...workerIds] }),
          ...options.heartbeat,
        });
  await heartbeat?.beat().catch((err: unknown) => options.logger.warn({ err }, "first worker heartbeat failed"));
  return { runner, workerPool: () => pool, heartbeat };
}

export type StopOutcome = "graceful" | "forced";

/**
 * Stops taking jobs, returns locally queued jobs to the database, lets running jobs finish and
 * flushes batched completions. Jobs still running after `timeoutMs` are failed (unlocked with an
 * error, so they retry with backoff) by graphile-worker's forceful shutdown.
 */
export async function stopWorker(
  worker: StartedWorker,
  { timeoutMs, logger }: { timeoutMs: number; logger: Logger },
): Promise<StopOutcome> {
  const stopped = worker.runner.stop();
  const heartbeatStopped = stopped.finally(() => worker.heartbeat?.stop());
  if ((await within(heartbeatStopped, timeoutMs)) === "done") return "graceful";
  logger.warn({ timeoutMs }, "jobs still running after the shutdown timeout; failing them so they retry");
  // runner.kill() does nothing once a graceful shutdown has begun, so we go to the pool directly.
  await worker.workerPool()?.forcefulShutdown(`worker shut down after ${timeoutMs} ms with the job still running`);
  await within(heartbeatStopped, 5_000);
  return "forced";
}

async function within(promise: Promise<unknown>, ms: number): Promise<"done" | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  try {
    return await Promise.race([promise.then(() => "done" as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
