import { sqlRows } from "@syncstore/db";
import { alertGroupOf, alertGroupPatterns, alertGroups } from "@syncstore/domain";
import type { z } from "zod";
import type { TaskContext } from "../context";
import type { taskPayloads } from "../payloads";

type Payload = z.infer<(typeof taskPayloads)["send-alert-email"]>;

interface Recipient {
  email: string;
  name: string;
}

/**
 * Emails a critical alert to every member of its organization who wants critical alerts by email
 * (Settings → Notifications; on unless turned off) and has not left the alert's group out. Reads the alert when it runs: one resolved in
 * the meantime is not sent. Email is at-least-once (a retry after success may send twice).
 */
export async function sendAlertEmail(payload: Payload, ctx: TaskContext): Promise<void> {
  const em = ctx.orm.em.fork();
  const [alert] = await sqlRows<{
    organization_id: string;
    kind: string;
    title: string;
    detail: string | null;
    status: string;
    organization: string;
  }>(
    em,
    `select a.organization_id, a.kind, a.title, a.detail, a.status, o.name as organization
       from alert a join organization o on o.id = a.organization_id where a.id = $1`,
    [payload.alertId],
  );
  if (!alert || alert.status === "resolved") {
    ctx.log.info({ alertId: payload.alertId }, "alert gone or resolved; email skipped");
    return;
  }
  const recipients = await sqlRows<Recipient>(
    em,
    `select u.email, u.name from member m join "user" u on u.id = m.user_id
       left join notification_preference p on p.organization_id = m.organization_id and p.user_id = m.user_id
      where m.organization_id = $1 and coalesce(p.email_critical, true)
        and ($2::text is null or p.email_groups is null or p.email_groups @> jsonb_build_array($2::text))
      order by u.email`,
    [alert.organization_id, alertGroupOf(alert.kind)],
  );
  const link = new URL(`/alerts?alert=${payload.alertId}`, ctx.webUrl).toString();
  for (const recipient of recipients) {
    await ctx.mailer.send({
      to: recipient.email,
      subject: `[${alert.organization}] Critical: ${alert.title}`,
      text: `${alert.title}\n\n${alert.detail ?? ""}\n\nOpen it in SyncStore: ${link}\n\nYou receive this because critical alerts are on in Settings → Notifications.`,
    });
  }
  ctx.log.info({ alertId: payload.alertId, recipients: recipients.length }, "critical alert emailed");
}

/**
 * The daily digest: to each member who chose it, the alerts of their organizations raised since
 * their last digest (or the last 24 hours), then `last_digest_at` moves on.
 */
export async function sendAlertDigests(_payload: unknown, ctx: TaskContext): Promise<void> {
  const em = ctx.orm.em.fork();
  const subscribers = await sqlRows<{
    id: string;
    organization_id: string;
    organization: string;
    email: string;
    since: Date;
    email_groups: string[] | null;
  }>(
    em,
    `select p.id::text as id, p.organization_id, o.name as organization, u.email, p.email_groups,
            coalesce(p.last_digest_at, now() - interval '24 hours') as since
       from notification_preference p join "user" u on u.id = p.user_id join organization o on o.id = p.organization_id
      where p.daily_digest`,
  );
  for (const subscriber of subscribers) {
    // Kinds of the groups the member left out are skipped; kinds no group claims always go.
    const excluded = alertGroups
      .filter((group) => subscriber.email_groups && !subscriber.email_groups.includes(group))
      .flatMap(alertGroupPatterns);
    const alerts = await sqlRows<{ severity: string; title: string; count: number }>(
      em,
      `select severity, title, count from alert where organization_id = $1 and last_seen_at > $2
          and not (kind like any($3::text[]))
        order by case severity when 'critical' then 0 when 'warning' then 1 else 2 end, last_seen_at desc limit 100`,
      [subscriber.organization_id, subscriber.since, excluded],
    );
    if (alerts.length > 0) {
      await ctx.mailer.send({
        to: subscriber.email,
        subject: `[${subscriber.organization}] ${alerts.length} alert(s) in the last day`,
        text: alerts.map((a) => `- [${a.severity}] ${a.title}${a.count > 1 ? ` (×${a.count})` : ""}`).join("\n"),
      });
    }
    await sqlRows(em, `update notification_preference set last_digest_at = now() where id = $1`, [subscriber.id]);
  }
}
