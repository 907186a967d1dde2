import { hostname } from "node:os";
import type { Pool } from "pg";
import type { Logger } from "./logger";

/** How often a worker says it is alive, and how long a silent one is trusted. */
export const HEARTBEAT_INTERVAL_MS = 5_000;
export const HEARTBEAT_STALE_MS = 30_000;

export interface HeartbeatOptions {
  pool: Pool;
  logger: Logger;
  /** The pool id and every worker id this process locks jobs with (they change as workers start). */
  ids: () => { poolId: string | undefined; workerIds: string[] };
  intervalMs?: number;
  staleMs?: number;
  /** Extra housekeeping each tick (the sync engine's expired-claim release). */
  onTick?: () => Promise<unknown>;
}

export interface Heartbeat {
  /** One beat now (tests and start-up). */
  beat(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * graphile-worker leaves a killed worker's jobs locked for 4 hours. Each worker process writes a
 * heartbeat row every few seconds; on every beat it also deletes rows silent for `staleMs` and
 * force-unlocks the jobs their worker ids held (`graphile_worker.force_unlock_workers`), in one
 * statement, so exactly one live worker reaps each dead one and a crash delays jobs by about
 * `staleMs`. Times are the database's, so host clocks do not matter.
 */
export function startHeartbeat(options: HeartbeatOptions): Heartbeat {
  const intervalMs = options.intervalMs ?? HEARTBEAT_INTERVAL_MS;
  const staleMs = options.staleMs ?? HEARTBEAT_STALE_MS;
  let registered: string | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const beat = async () => {
    const { poolId, workerIds } = options.ids();
    if (!poolId) return;
    registered = poolId;
    await options.pool.query(
      `insert into worker_heartbeat (id, worker_ids, hostname, pid, started_at, last_seen_at)
       values ($1, $2::text[], $3, $4, now(), now())
       on conflict (id) do update set worker_ids = excluded.worker_ids, last_seen_at = now()`,
      [poolId, [poolId, ...workerIds], hostname(), process.pid],
    );
    const { rows } = await options.pool.query<{ ids: string[] | null }>(
      `with dead as (
         delete from worker_heartbeat
          where last_seen_at < now() - $1 * interval '1 millisecond' and id <> $2
          returning worker_ids
       ),
       ids as (select array_agg(w) as ids from dead, unnest(dead.worker_ids) as w)
       select ids.ids, graphile_worker.force_unlock_workers(coalesce(ids.ids, '{}')) from ids`,
      [staleMs, poolId],
    );
    const released = rows[0]?.ids ?? [];
    if (released.length > 0) options.logger.warn({ workerIds: released }, "released the jobs of silent workers");
    await options.onTick?.();
  };

  const tick = () => {
    if (stopped) return;
    running = beat().catch((err: unknown) => options.logger.warn({ err }, "worker heartbeat failed"));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();

  return {
    beat: async () => {
      await running;
      running = beat();
      await running;
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running.catch(() => undefined);
      if (registered)
        await options.pool.query(`delete from worker_heartbeat where id = $1`, [registered]).catch(() => undefined);
    },
  };
}
