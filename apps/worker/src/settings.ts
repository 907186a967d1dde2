export interface WorkerTuning {
  /** Jobs run at once by this process (WORKER_CONCURRENCY). */
  concurrency: number;
}

/** Pool size graphile-worker recommends: room for every job plus fetching and completing. */
export function poolSizeFor(concurrency: number): number {
  return Math.max(10, concurrency + 2);
}

/**
 * Jobs one process locks per fetch. 500 is graphile-worker's own performance configuration and
 * measured ~2x faster than 100 on no-op jobs. The trade-off: with slow jobs one replica may hold
 * up to 500 jobs while another idles (they return to the database after `ttl` or on shutdown).
 */
export const LOCAL_QUEUE_SIZE = 500;

/**
 * Throughput settings, measured by `pnpm --filter @syncstore/worker bench` (bench/noop-jobs.ts):
 * - the local queue locks a batch of jobs per fetch instead of one query per job;
 * - completions and failures are batched into one statement per tick;
 * - Node's clock avoids asking PostgreSQL for `now()` (keep host clocks NTP-synchronised).
 * No `refetchDelay`: it made a lone new job wait for the next poll (2 s) instead of starting on
 * its notification; revisit when many replicas share one database.
 * The price: up to `localQueue.size` jobs are locked by one process at a time, and a crash between
 * a job finishing and its batched completion (milliseconds) means that job runs again: tasks are
 * idempotent (ARCHITECTURE invariant 2), so that is safe.
 */
export function tunedPreset({ concurrency }: WorkerTuning): GraphileConfig.Preset {
  return {
    worker: {
      concurrentJobs: concurrency,
      maxPoolSize: poolSizeFor(concurrency),
      pollInterval: 2_000,
      useNodeTime: true,
      localQueue: {
        size: LOCAL_QUEUE_SIZE,
        ttl: 5 * 60_000,
      },
      completeJobBatchDelay: 0,
      failJobBatchDelay: 0,
      gracefulShutdownAbortTimeout: 10_000,
    },
  };
}

/** graphile-worker's defaults at the same concurrency (the benchmark's baseline). */
export function defaultPreset({ concurrency }: WorkerTuning): GraphileConfig.Preset {
  return { worker: { concurrentJobs: concurrency, maxPoolSize: poolSizeFor(concurrency) } };
}
