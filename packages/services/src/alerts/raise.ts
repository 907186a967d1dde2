import { sqlRows, type EntityManager } from "@syncstore/db";
import type { AlertRaisedPayload, RealtimeEmitter } from "@syncstore/realtime";
import type { Logger } from "pino";

export interface RaiseAlertInput {
  organizationId: string;
  /** "webhook.event_failed", "webhook.signature_failures", "channel.reauth", … */
  kind: string;
  /** One open (or acknowledged) alert per key; a repeat bumps its count. */
  dedupeKey: string;
  severity: "info" | "warning" | "critical";
  title: string;
  detail?: string | null;
  subject?: Record<string, unknown>;
  /** How many occurrences this call reports (default 1). */
  occurrences?: number;
}

/**
 * Opens an alert or bumps the open one with the same dedupe key (the partial unique index on
 * organization and key, where not resolved, makes this one statement and race-free). Call it inside
 * the transaction of the change it reports; emit the returned payload after the commit.
 */
export async function raiseAlert(tx: EntityManager, input: RaiseAlertInput): Promise<AlertRaisedPayload> {
  const occurrences = input.occurrences ?? 1;
  const rows = await sqlRows<AlertRaisedPayload>(
    tx,
    `insert into alert (id, organization_id, kind, dedupe_key, severity, status, title, detail, subject, count,
                        created_at, last_seen_at)
     values (gen_random_uuid(), $1, $2, $3, $4, 'open', $5, $6, $7::jsonb, $8, now(), now())
     on conflict (organization_id, dedupe_key) where status <> 'resolved'
     do update set count = alert.count + excluded.count,
                   last_seen_at = now(),
                   severity = excluded.severity,
                   title = excluded.title,
                   detail = excluded.detail,
                   subject = excluded.subject
     returning id::text as id, kind, severity, title, count`,
    [
      input.organizationId,
      input.kind,
      input.dedupeKey,
      input.severity,
      input.title,
      input.detail ?? null,
      JSON.stringify(input.subject ?? {}),
      occurrences,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error(`alert ${input.dedupeKey} was not written`);
  // A new critical alert is emailed at once (to members who want it), in the same transaction.
  if (input.severity === "critical" && row.count === occurrences)
    await sqlRows(
      tx,
      `select graphile_worker.add_job('send-alert-email', json_build_object('alertId', $1::text), job_key => $2)`,
      [row.id, `alert-email:${row.id}`],
    );
  return row;
}

/** Announces alerts after their transaction committed; a failed emit is logged, never thrown. */
export async function announceAlerts(
  realtime: RealtimeEmitter,
  log: Logger,
  alerts: readonly { organizationId: string; alert: AlertRaisedPayload }[],
): Promise<void> {
  for (const { organizationId, alert } of alerts) {
    await realtime
      .toOrganization(organizationId)
      .emit("alert.raised", alert)
      .catch((err: unknown) => log.warn({ err }, "alert.raised emit failed"));
  }
}
