import type { QueryResult } from "@syncstore/db";
import type { TaskContext } from "../context";

/**
 * Hourly housekeeping: expire pending invitations past their date, and delete expired sessions,
 * verification tokens and stale rate-limit counters. Idempotent by construction.
 */
export async function pruneAuthRecords(_payload: unknown, ctx: TaskContext): Promise<void> {
  const em = ctx.orm.em.fork();
  const [invitations, sessions, verifications, limits] = await Promise.all([
    em.execute<QueryResult>(
      `update "invitation" set status = 'expired' where status = 'pending' and expires_at < now()`,
      [],
      "run",
    ),
    em.execute<QueryResult>(`delete from "session" where expires_at < now()`, [], "run"),
    em.execute<QueryResult>(`delete from "verification" where expires_at < now()`, [], "run"),
    em.execute<QueryResult>(
      `delete from "rate_limit" where last_request < (extract(epoch from now()) * 1000 - 86400000)`,
      [],
      "run",
    ),
  ]);
  ctx.log.info(
    {
      expiredInvitations: invitations.affectedRows,
      sessions: sessions.affectedRows,
      verifications: verifications.affectedRows,
      rateLimits: limits.affectedRows,
    },
    "pruned auth records",
  );
}
