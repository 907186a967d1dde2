import type { EntityManager } from "@syncstore/db";
import { addJobsSql, type jobPriority } from "../enqueue";

/** The task that pushes one listing's master state to its shop (coalesced per listing). */
export const SYNC_LISTING_TASK = "sync-listing";

export function syncListingJobKey(listingId: string): string {
  return `sync-listing:${listingId}`;
}

export interface MarkForSyncInput {
  organizationId: string;
  /** Any combination; a listing matches when it matches one of them. */
  variantIds?: readonly string[];
  productIds?: readonly string[];
  listingIds?: readonly string[];
  connectionId?: string;
  /** Every published listing of the organization (or of `connectionId`). */
  all?: boolean;
  /** Manual syncs run at high priority so bulk work never starves them. */
  priority?: keyof typeof jobPriority;
  /** A manual/bulk sync run whose progress these pushes count towards. */
  syncRunId?: string;
}

/**
 * ARCHITECTURE invariant 1 for listings: call it in the transaction that changes master data.
 * Bumps `desired_version` of every affected published, enabled listing, marks it pending, and adds
 * one `sync-listing` job per listing with a job key, so a burst of edits collapses into one pending
 * push (preserving the earliest run time: the first edit is pushed at once, later ones ride along).
 * Listings deleted on the channel (`CHANNEL_DELETED`) are left alone until published again.
 * Returns the number of listings marked. Set-based: one UPDATE and one add_jobs call (`addJobsSql`).
 */
export async function markListingsForSync(tx: EntityManager, input: MarkForSyncInput): Promise<number> {
  const matchers: string[] = [];
  const matchParams: unknown[] = [];
  if (input.all) matchers.push("true");
  const uuidList = (ids: readonly string[]) => `{${ids.join(",")}}`;
  if (input.variantIds?.length) {
    matchers.push("l.variant_id = any(?::uuid[])");
    matchParams.push(uuidList(input.variantIds));
  }
  if (input.productIds?.length) {
    matchers.push("l.product_id = any(?::uuid[])");
    matchParams.push(uuidList(input.productIds));
  }
  if (input.listingIds?.length) {
    matchers.push("l.id = any(?::uuid[])");
    matchParams.push(uuidList(input.listingIds));
  }
  if (matchers.length === 0) return 0;
  const rows = await tx.execute<{ count: string }[]>(
    `with marked as (
       update listing l
          set desired_version = l.desired_version + 1,
              sync_state = 'pending',
              sync_run_id = coalesce(?::uuid, l.sync_run_id),
              updated_at = now()
         from listing o
        where o.id = l.id
          and l.organization_id = ?
          and (${matchers.join(" or ")})
          and (?::uuid is null or l.connection_id = ?::uuid)
          and l.variant_id is not null
          and l.external_product_id is not null
          and l.enabled
          and l.last_error_code is distinct from 'CHANNEL_DELETED'
       returning l.id, o.sync_run_id as old_run
     ),
     -- A listing taken over by a newer run no longer counts towards the older one.
     moved as (
       update sync_run s
          set total = greatest(s.done, s.total - m.n),
              status = case when s.status = 'running' and s.done >= s.total - m.n then 'succeeded' else s.status end,
              finished_at = case when s.status = 'running' and s.done >= s.total - m.n then now() else s.finished_at end
         from (select old_run, count(*)::int as n from marked
                where ?::uuid is not null and old_run is not null and old_run <> ?::uuid group by old_run) m
        where s.id = m.old_run
       returning s.id
     ),
     jobs as (
       select ${addJobsSql({
         task: SYNC_LISTING_TASK,
         from: "marked m",
         payload: { listingId: "m.id" },
         jobKey: { prefix: syncListingJobKey(""), id: "m.id" },
         jobKeyMode: "preserve_run_at",
         priority: input.priority ?? "normal",
       })} as job
     )
     select (select count(*) from marked)::text as count, (select count(*) from jobs)::text as jobs,
            (select count(*) from moved)::text as moved`,
    [
      input.syncRunId ?? null,
      input.organizationId,
      ...matchParams,
      input.connectionId ?? null,
      input.connectionId ?? null,
      input.syncRunId ?? null,
      input.syncRunId ?? null,
    ],
  );
  return Number(rows[0]?.count ?? 0);
}
