import { run, type Runner, type TaskList } from "graphile-worker";
import { type Pool } from "pg";
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
}

/**
 * Starts graphile-worker. Signals are ours (see `stopWorker`): graphile-worker's own handlers
 * would call process.exit themselves.
 */
export function startWorker(options: StartWorkerOptions): Promise<Runner> {
  const preset = options.tuned === false ? defaultPreset(options.tuning) : tunedPreset(options.tuning);
  return run({
    pgPool: options.pgPool,
    taskList: options.taskList,
    crontab: options.crontab,
    logger: graphileLogger(options.logger),
    noHandleSignals: true,
    preset,
  });
}

export type StopOutcome = "graceful" | "forced";

/**
 * Stops taking jobs, returns locally queued jobs to the database, lets running jobs finish and
 * flushes batched completions. Jobs still running after `timeoutMs` are failed (unlocked with an
 * error, so they retry later) by graphile-worker's forceful shutdown.
 */
export async function stopWorker(
  runner: Runner,
  { timeoutMs, logger }: { timeoutMs: number; logger: Logger },
): Promise<StopOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    const outcome = await Promise.race([runner.stop("shutdown requested").then(() => "stopped" as const), timedOut]);
    if (outcome === "stopped") return "graceful";
    logger.warn({ timeoutMs }, "jobs still running after the shutdown timeout; failing them so they retry");
    await runner.kill("shutdown timeout");
    return "forced";
  } finally {
    clearTimeout(timer);
  }
}
