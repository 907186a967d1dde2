import { sqlRows, type EntityManager } from "@syncstore/db";
import { SYNC_LISTING_TASK, syncListingJobKey } from "../sync/mark";

/** How long a held push waits before it looks again (the order event is usually applied by then). */
export const WATERMARK_RECHECK_MS = 200;

/**
 * The per-shop order watermark (ARCHITECTURE invariant 8): order events received from this shop
 * (stored by the gateway) against those applied (processed). While one is still unprocessed, a
 * stock number computed now could re-open units that shop has just sold, so pushes to it wait.
 *
 * The hold is bounded: when a push is first held, the shop's `stock_push_held_since` records the
 * time, and every push to that shop then waits only for the order events received before it; once
 * they are all applied the hold ends (the column is cleared) and the pushes go out. Waiting instead
 * for a moment with no event in flight would hold a shop's pushes for as long as a steady stream of
 * orders lasts, which is exactly when they matter most. Events received during a hold are applied
 * by their own jobs, and each applied order queues its own push with the new number.
 *
 * `readAt`: the cutoff when no hold is in progress (the check after computing a number passes the
 * time it was read, or the earlier hold's cutoff it was read under); without it, now. Returns the
 * events waited for (0: go ahead), the cutoff used and whether it was a hold's. Events that failed
 * for good do not hold pushes (they raised an alert; reconciliation repairs them).
 */
export async function holdForOrders(
  em: EntityManager,
  connectionId: string,
  readAt?: string,
): Promise<{ pending: number; cutoff: string; held: boolean }> {
  const [row] = await sqlRows<{ pending: number; cutoff: string; held: boolean }>(
    em,
    `with shop as (
       select id, stock_push_held_since as held,
              coalesce(stock_push_held_since, $2::timestamptz, clock_timestamp()) as cutoff
         from channel_connection where id = $1
     ), pending as (
       select count(*)::int as n from webhook_event e, shop
        where e.connection_id = shop.id and e.status = 'received' and e.event_type like 'order.%'
          and e.received_at < shop.cutoff
     ), moved as (
       update channel_connection c
          set stock_push_held_since = case when pending.n > 0 then shop.cutoff end
         from shop, pending
        where c.id = shop.id and (shop.held is null) <> (pending.n = 0)
     )
     select pending.n as pending, to_json(shop.cutoff) #>> '{}' as cutoff, shop.held is not null as held
       from pending, shop`,
    [connectionId, readAt ?? null],
  );
  return row ?? { pending: 0, cutoff: readAt ?? new Date().toISOString(), held: false };
}

/** Looks at the listing again shortly (its job key keeps one pending job per listing). */
export async function recheckListingSoon(em: EntityManager, listingId: string): Promise<void> {
  await sqlRows(
    em,
    `select graphile_worker.add_job($1, json_build_object('listingId', $2::text), job_key => $3,
                                    run_at => now() + $4 * interval '1 millisecond', priority => -10)`,
    [SYNC_LISTING_TASK, listingId, syncListingJobKey(listingId), WATERMARK_RECHECK_MS],
  );
}
