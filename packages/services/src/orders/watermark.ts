import { sqlRows, type EntityManager } from "@syncstore/db";
import { SYNC_LISTING_TASK, syncListingJobKey } from "../sync/mark";

/** How long a held push waits before it looks again (the order event is usually applied by then). */
export const WATERMARK_RECHECK_MS = 200;

/**
 * The per-shop order watermark (ARCHITECTURE invariant 8): order events received from this shop
 * (stored by the gateway) against those applied (processed). While any is still unprocessed, a
 * stock number computed now could re-open units that shop has just sold, so pushes to it wait.
 * Events that failed for good do not hold pushes (they raised an alert; reconciliation repairs them).
 */
export async function orderEventsPending(em: EntityManager, connectionId: string): Promise<number> {
  const [row] = await sqlRows<{ pending: number }>(
    em,
    `select count(*)::int as pending from webhook_event
      where connection_id = $1 and status = 'received' and event_type like 'order.%'`,
    [connectionId],
  );
  return row?.pending ?? 0;
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
