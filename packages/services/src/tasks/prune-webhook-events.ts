import type { EntityManager, QueryResult } from "@syncstore/db";
import type { TaskContext } from "../context";

/** Default of `WEBHOOK_RETENTION_DAYS`. */
export const DEFAULT_WEBHOOK_RETENTION_DAYS = 90;

/** Rows one statement removes, so a large backlog never holds a long lock or a huge transaction. */
const BATCH = 5_000;

/**
 * Removes stored webhook events received more than `days` ago, whatever their outcome, and the
 * per-minute refusal counts (`webhook_rejection`) of the same age. Events still waiting to be
 * processed (`received`) are kept whatever their age: the worker has not applied them yet. Nothing
 * references an event by foreign key (order lines and stock movements keep its id as plain data),
 * so the business history stays. Returns the rows removed per table.
 */
export async function pruneWebhookEventRecords(
  em: EntityManager,
  days: number,
): Promise<{ events: number; rejections: number }> {
  if (days <= 0) return { events: 0, rejections: 0 };
  let events = 0;
  for (;;) {
    const result = await em.execute<QueryResult>(
      `delete from webhook_event
        where id in (select id from webhook_event
                      where received_at < now() - make_interval(days => ?) and status <> 'received'
                      limit ?)`,
      [days, BATCH],
      "run",
    );
    events += result.affectedRows;
    if (result.affectedRows < BATCH) break;
  }
  const rejections = await em.execute<QueryResult>(
    `delete from webhook_rejection where minute < now() - make_interval(days => ?)`,
    [days],
    "run",
  );
  return { events, rejections: rejections.affectedRows };
}

/** Hourly retention of the webhook log (`WEBHOOK_RETENTION_DAYS`, 0 = keep forever). Idempotent. */
export async function pruneWebhookEvents(_payload: unknown, ctx: TaskContext): Promise<void> {
  const days = ctx.webhookRetentionDays ?? DEFAULT_WEBHOOK_RETENTION_DAYS;
  const removed = await pruneWebhookEventRecords(ctx.orm.em.fork(), days);
  ctx.log.info({ ...removed, days }, "pruned webhook events");
}
