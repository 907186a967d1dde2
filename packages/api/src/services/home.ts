import { Invitation, Member, type EntityManager } from "@syncstore/db";
import { recentAudit, type AuditItem } from "./audit";
import { organizationOf } from "./sql";
import type { SyncAttempt } from "./sync/attempts";
import { recentAttempts } from "./sync/overview";

export interface DashboardSummary {
  members: number;
  pendingInvitations: number;
  /** Audit entries per day for the last 7 days (UTC), oldest first, zero-filled. */
  auditLast7d: { day: string; count: number }[];
  recentAudit: AuditItem[] | null;
  products: number;
  /** Shops connected and not disconnected. */
  connectedChannels: number;
  /** Share of finished pushes that succeeded (null when there were none). */
  syncSuccessRate24h: number | null;
  syncSuccessRate7d: number | null;
  /** Finished pushes per day for the last 7 days (UTC), oldest first, zero-filled. */
  syncLast7d: { day: string; succeeded: number; failed: number }[];
  recentSync: SyncAttempt[];
}

function rate(succeeded: number, failed: number): number | null {
  return succeeded + failed === 0 ? null : succeeded / (succeeded + failed);
}

export async function homeSummary(
  em: EntityManager,
  options: { includeAudit: boolean; viewerId?: string | null },
): Promise<DashboardSummary> {
  const organizationId = organizationOf(em);
  const [members, pendingInvitations, perDay, recent, counts, syncDays, syncDay, recentSync] = await Promise.all([
    em.count(Member, {}),
    em.count(Invitation, { status: "pending", expiresAt: { $gt: new Date() } }),
    em.getConnection().execute<{ day: string; count: string }[]>(
      `select to_char(d.day, 'YYYY-MM-DD') as day, count(a.id)::text as count
         from generate_series((now() at time zone 'utc')::date - 6, (now() at time zone 'utc')::date, interval '1 day') as d(day)
         left join audit_log a
           on a.organization_id = ? and (a.created_at at time zone 'utc')::date = d.day
        group by d.day order by d.day`,
      [organizationId],
    ),
    options.includeAudit ? recentAudit(em, 8, options.viewerId ?? null) : Promise.resolve(null),
    em.getConnection().execute<{ products: string; channels: string }[]>(
      `select (select count(*) from product where organization_id = ?)::text as products,
              (select count(*) from channel_connection where organization_id = ? and status <> 'disconnected')::text as channels`,
      [organizationId, organizationId],
    ),
    em.getConnection().execute<{ day: string; succeeded: string; failed: string }[]>(
      `select to_char(d.day, 'YYYY-MM-DD') as day,
              count(s.id) filter (where s.outcome = 'succeeded')::text as succeeded,
              count(s.id) filter (where s.outcome = 'failed')::text as failed
         from generate_series((now() at time zone 'utc')::date - 6, (now() at time zone 'utc')::date, interval '1 day') as d(day)
         left join sync_log s
           on s.organization_id = ? and s.created_at >= d.day at time zone 'utc'
          and s.created_at < (d.day + interval '1 day') at time zone 'utc'
        group by d.day order by d.day`,
      [organizationId],
    ),
    em.getConnection().execute<{ succeeded: string; failed: string }[]>(
      `select count(*) filter (where outcome = 'succeeded')::text as succeeded,
              count(*) filter (where outcome = 'failed')::text as failed
         from sync_log where organization_id = ? and created_at >= now() - interval '24 hours'`,
      [organizationId],
    ),
    recentAttempts(em, 8),
  ]);
  const syncLast7d = syncDays.map((row) => ({
    day: row.day,
    succeeded: Number(row.succeeded),
    failed: Number(row.failed),
  }));
  const week = syncLast7d.reduce((sum, day) => ({ s: sum.s + day.succeeded, f: sum.f + day.failed }), { s: 0, f: 0 });
  return {
    members,
    pendingInvitations,
    auditLast7d: perDay.map((row) => ({ day: row.day, count: Number(row.count) })),
    recentAudit: recent,
    products: Number(counts[0]?.products ?? 0),
    connectedChannels: Number(counts[0]?.channels ?? 0),
    syncSuccessRate24h: rate(Number(syncDay[0]?.succeeded ?? 0), Number(syncDay[0]?.failed ?? 0)),
    syncSuccessRate7d: rate(week.s, week.f),
    syncLast7d,
    recentSync,
  };
}
