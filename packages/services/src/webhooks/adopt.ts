import { sqlRows, type EntityManager } from "@syncstore/db";
import { addJobsSql } from "../enqueue";
import { WEBHOOK_PROCESS_MAX_ATTEMPTS, WEBHOOK_PROCESS_TASK, webhookProcessJobKey } from "./constants";

/** Unknown-shop events younger than this are adopted when their shop gets connected. */
const ADOPT_WITHIN = "3 days";

/**
 * Events stored as `unknown_shop` whose shop is now connected: a marketplace pushes "shop
 * authorized" before our OAuth callback has stored the connection, and the gateway caches a miss for
 * a few seconds. This assigns them to the connection (the active one, most recently updated, as the
 * gateway resolves shops), marks them `received` and enqueues their processing, in the caller's
 * transaction. Scope with `connectionIds` (the connect callback) or `eventIds` (processing one
 * event, `enqueue: false` as that job processes it itself); with neither it sweeps every shop (the
 * reconciliation cron). Returns the events adopted.
 */
export async function adoptUnknownShopEvents(
  tx: EntityManager,
  scope: { connectionIds?: readonly string[]; eventIds?: readonly string[]; enqueue?: boolean } = {},
): Promise<number> {
  const enqueue = scope.enqueue ?? true;
  const rows = await sqlRows<{ adopted: number }>(
    tx,
    `with target as (
       select distinct on (e.id) e.id, c.id as connection_id, c.organization_id
         from webhook_event e
         join channel_connection c on c.platform = e.platform and c.external_shop_id = e.external_shop_id
        where (e.status = 'unknown_shop' or ($3::uuid[] is not null and e.status = 'received' and e.connection_id is null))
          and e.received_at > now() - $1::interval
          and c.status in ('active', 'expiring')
          and ($2::uuid[] is null or c.id = any($2::uuid[]))
          and ($3::uuid[] is null or e.id = any($3::uuid[]))
        order by e.id, c.updated_at desc
     ),
     adopted as (
       update webhook_event e
          set organization_id = t.organization_id, connection_id = t.connection_id, status = 'received', error = null
         from target t where e.id = t.id
       returning e.id
     ),
     jobs as (
       -- An event of a shop unknown on arrival has a delayed job (the gateway's): bring it forward.
       select ${addJobsSql({
         task: WEBHOOK_PROCESS_TASK,
         from: "adopted a where $4::boolean",
         payload: { eventId: "a.id" },
         jobKey: { prefix: webhookProcessJobKey(""), id: "a.id" },
         jobKeyMode: "replace",
         maxAttempts: WEBHOOK_PROCESS_MAX_ATTEMPTS,
       })} as job
     )
     select (select count(*) from adopted)::int as adopted, (select count(*) from jobs)::int as jobs`,
    [
      ADOPT_WITHIN,
      scope.connectionIds ? [...scope.connectionIds] : null,
      scope.eventIds ? [...scope.eventIds] : null,
      enqueue,
    ],
  );
  return rows[0]?.adopted ?? 0;
}
