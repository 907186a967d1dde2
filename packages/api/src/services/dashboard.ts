import { Invitation, Member, type EntityManager } from "@syncstore/db";
import { organizationOf, recentAudit, type AuditItem } from "./audit";

export interface DashboardSummary {
  members: number;
  pendingInvitations: number;
  /** Audit entries per day for the last 7 days (UTC), oldest first, zero-filled. */
  auditLast7d: { day: string; count: number }[];
  recentAudit: AuditItem[] | null;
}

export async function dashboardSummary(
  em: EntityManager,
  options: { includeAudit: boolean },
): Promise<DashboardSummary> {
  const [members, pendingInvitations, perDay, recent] = await Promise.all([
    em.count(Member, {}),
    em.count(Invitation, { status: "pending", expiresAt: { $gt: new Date() } }),
    em.getConnection().execute<{ day: string; count: string }[]>(
      `select to_char(d.day, 'YYYY-MM-DD') as day, count(a.id)::text as count
         from generate_series((now() at time zone 'utc')::date - 6, (now() at time zone 'utc')::date, interval '1 day') as d(day)
         left join audit_log a
           on a.organization_id = ? and (a.created_at at time zone 'utc')::date = d.day
        group by d.day order by d.day`,
      [organizationOf(em)],
    ),
    options.includeAudit ? recentAudit(em, 8) : Promise.resolve(null),
  ]);
  return {
    members,
    pendingInvitations,
    auditLast7d: perDay.map((row) => ({ day: row.day, count: Number(row.count) })),
    recentAudit: recent,
  };
}
