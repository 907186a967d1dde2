import { type AlertRaisedPayload, type RealtimeEmitter } from "@syncstore/realtime";
import { type Pool } from "pg";
import { type Logger } from "../logger";

/**
 * The same statement as the jobs package's `raiseAlert` (which needs an EntityManager the gateway
 * does not have): one open alert per organization and dedupe key, repeats bump its count.
 */
const RAISE_ALERT = `
insert into alert (id, organization_id, kind, dedupe_key, severity, status, title, detail, subject, count,
                   created_at, last_seen_at)
values (gen_random_uuid(), $1, $2, $3, $4, 'open', $5, $6, $7::jsonb, $8, now(), now())
on conflict (organization_id, dedupe_key) where status <> 'resolved'
do update set count = alert.count + excluded.count, last_seen_at = now(), title = excluded.title,
              detail = excluded.detail, subject = excluded.subject
returning id::text as id, kind, severity, title, count`;

export interface GatewayAlert {
  organizationId: string;
  kind: string;
  dedupeKey: string;
  severity: "info" | "warning" | "critical";
  title: string;
  detail: string;
  subject: Record<string, unknown>;
  occurrences?: number;
}

/** Raises (or bumps) an alert and announces it; failures are logged, never thrown. */
export async function raiseGatewayAlert(
  pool: Pool,
  realtime: RealtimeEmitter | undefined,
  logger: Logger,
  input: GatewayAlert,
): Promise<void> {
  try {
    const { rows } = await pool.query<AlertRaisedPayload>(RAISE_ALERT, [
      input.organizationId,
      input.kind,
      input.dedupeKey,
      input.severity,
      input.title,
      input.detail,
      JSON.stringify(input.subject),
      input.occurrences ?? 1,
    ]);
    const alert = rows[0];
    if (alert && realtime) await realtime.toOrganization(input.organizationId).emit("alert.raised", alert);
  } catch (err) {
    logger.warn({ err, kind: input.kind }, "alert could not be raised");
  }
}
