import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/**
 * One row per running worker process (graphile-worker pool), refreshed every few seconds. When a
 * row goes stale, a live worker deletes it and force-unlocks the jobs its worker ids held, so a
 * killed process delays its jobs by well under a minute instead of graphile-worker's 4 hours.
 */
export const WorkerHeartbeat = defineEntity({
  name: "WorkerHeartbeat",
  tableName: "worker_heartbeat",
  indexes: [{ properties: ["lastSeenAt"] }],
  properties: {
    /** The graphile-worker pool id. */
    id: p.string().columnType("text").primary(),
    /** Every id this process locks jobs with (the pool id and each worker's id). */
    workerIds: p.array().columnType("text[]").default([]),
    hostname: p.string().columnType("text").nullable(),
    pid: p.integer().nullable(),
    startedAt: p.datetime().defaultRaw("now()"),
    lastSeenAt: p.datetime().defaultRaw("now()"),
  },
});
export type WorkerHeartbeat = InferEntity<typeof WorkerHeartbeat>;

/**
 * Marketplace call pacing shared by every worker process (GCRA): `tat` is the theoretical arrival
 * time of the next call for a key (`<connection id>:<api>`). Reserving a call moves it one
 * interval further in one atomic upsert.
 */
export const ChannelRateLimit = defineEntity({
  name: "ChannelRateLimit",
  tableName: "channel_rate_limit",
  properties: {
    key: p.string().columnType("text").primary(),
    tat: p.datetime().defaultRaw("now()"),
  },
});
export type ChannelRateLimit = InferEntity<typeof ChannelRateLimit>;

export const syncEngineEntities = [WorkerHeartbeat, ChannelRateLimit];
