import type { EntityManager } from "@syncstore/db";
import { organizationOf, sqlRows } from "../sql";
import { attemptColumns, attemptFrom, toAttempt, type RawAttempt, type SyncAttempt } from "./attempts";

/** One connected shop's sync state right now. */
export interface ChannelSyncCounts {
  connectionId: string;
  name: string;
  platform: "shopee" | "tiktok";
  status: string;
  paused: boolean;
  /** Listings waiting for a push (queued). */
  pending: number;
  syncing: number;
  inSync: number;
  /** Listings whose last push failed (they stay failed until retried or changed). */
  failed: number;
  conflict: number;
  /** Failed attempts in the last hour. */
  failedLastHour: number;
  /** Successful pushes in the last hour. */
  pushedLastHour: number;
}

export interface SyncOverview {
  channels: ChannelSyncCounts[];
  /** Listings pushed (succeeded) and failed per minute over the last hour, oldest first, zero-filled. */
  throughput: { minute: Date; succeeded: number; failed: number }[];
  recent: SyncAttempt[];
}

/** Listings the engine manages: linked to a master variant and switched on. */
export const managedListing = "l.variant_id is not null and l.enabled";

export async function syncOverview(em: EntityManager): Promise<SyncOverview> {
  const organizationId = organizationOf(em);
  const [channels, logCounts, throughput, recent] = await Promise.all([
    sqlRows<Omit<ChannelSyncCounts, "failedLastHour" | "pushedLastHour">>(
      em,
      `select c.id as "connectionId", c.name, c.platform, c.status, c.sync_paused as paused,
              count(l.id) filter (where l.sync_state = 'pending')::int as pending,
              count(l.id) filter (where l.sync_state = 'syncing')::int as syncing,
              count(l.id) filter (where l.sync_state = 'in_sync')::int as "inSync",
              count(l.id) filter (where l.sync_state = 'failed')::int as failed,
              count(l.id) filter (where l.sync_state = 'conflict')::int as conflict
         from channel_connection c
         left join listing l on l.connection_id = c.id and l.organization_id = c.organization_id and ${managedListing}
        where c.organization_id = $1
        group by c.id
        order by c.platform, c.name`,
      [organizationId],
    ),
    sqlRows<{ connectionId: string; failed: number; pushed: number }>(
      em,
      `select connection_id as "connectionId",
              count(*) filter (where outcome = 'failed')::int as failed,
              count(*) filter (where outcome = 'succeeded')::int as pushed
         from sync_log
        where organization_id = $1 and created_at >= now() - interval '1 hour'
        group by connection_id`,
      [organizationId],
    ),
    sqlRows<{ minute: Date; succeeded: number; failed: number }>(
      em,
      `select m.minute,
              count(s.id) filter (where s.outcome = 'succeeded')::int as succeeded,
              count(s.id) filter (where s.outcome = 'failed')::int as failed
         from generate_series(date_trunc('minute', now()) - interval '59 minutes', date_trunc('minute', now()), interval '1 minute') as m(minute)
         left join sync_log s
           on s.organization_id = $1 and s.created_at >= m.minute and s.created_at < m.minute + interval '1 minute'
        group by m.minute
        order by m.minute`,
      [organizationId],
    ),
    recentAttempts(em, 15),
  ]);
  const byConnection = new Map(logCounts.map((row) => [row.connectionId, row]));
  return {
    channels: channels.map((row) => ({
      ...row,
      failedLastHour: byConnection.get(row.connectionId)?.failed ?? 0,
      pushedLastHour: byConnection.get(row.connectionId)?.pushed ?? 0,
    })),
    throughput: throughput.map((row) => ({ ...row, minute: new Date(row.minute) })),
    recent,
  };
}

/** The latest sync attempts of the organization, newest first. */
export async function recentAttempts(em: EntityManager, limit: number): Promise<SyncAttempt[]> {
  const rows = await sqlRows<RawAttempt>(
    em,
    `select ${attemptColumns} from ${attemptFrom}
      where s.organization_id = $1
      order by s.created_at desc, s.id desc
      limit $2`,
    [organizationOf(em), limit],
  );
  return rows.map(toAttempt);
}
