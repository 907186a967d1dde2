import { sqlRows, type EntityManager, type ListingSnapshot } from "@syncstore/db";
import { OWN_OR_PRODUCT_CONFLICT } from "../conflicts/conflict-scope";
import { pushContentHash } from "../conflicts/hash";
import type { SyncProgressPayload } from "@syncstore/realtime";
import { addJobsSql } from "../enqueue";
import { SYNC_LISTING_TASK, syncListingJobKey } from "./mark";

/**
 * How a claimed listing's push ended:
 * - `success`: every changed field landed (or nothing had to change);
 * - `failed`: the platform refused a change for good (validation, not found, out of retries);
 * - `retry`: a transient failure or rate limit; its job runs again at `retryAt`;
 * - `release`: the shop cannot be reached until it is connected again; the listing stays pending
 *   without a job (requeued when the shop is reconnected).
 */
export type ListingResult = "success" | "failed" | "retry" | "release";

export interface ListingRecord {
  id: string;
  /** The desired_version the job read when it claimed the listing. */
  version: number;
  /** last_synced with every field that landed in this push merged in. */
  snapshot: ListingSnapshot | null;
  hash: string | null;
  pushed: boolean;
  /** Snapshot fields this push set on the channel: drift recorded on them is no longer true. */
  pushedFields: string[];
  result: ListingResult;
  error: string | null;
  errorCode: string | null;
  attempts: number;
  retryAt: Date | null;
}

export interface SyncLogRecord {
  organizationId: string;
  connectionId: string;
  listingId: string;
  syncRunId: string | null;
  operation: string;
  before: ListingSnapshot | null;
  after: ListingSnapshot | null;
  outcome: "succeeded" | "failed" | "retrying" | "skipped";
  attempt: number;
  durationMs: number;
  requestId: string | null;
  errorCode: string | null;
  error: string | null;
}

export interface RecordedListing {
  id: string;
  variantId: string | null;
  organizationId: string;
  state: string;
}

export interface RecordOutcome {
  listings: RecordedListing[];
  runs: (SyncProgressPayload & { organizationId: string })[];
}

/**
 * Writes the outcome of one job's pushes in one transaction, guarded by the claim token: a job
 * whose claim expired and was taken over records nothing. The listing becomes in sync (or failed)
 * only if its desired_version is still the one the job pushed (compare-and-set); when a newer
 * change arrived meanwhile it stays pending and gets a job, so the newer state is pushed next.
 * `synced_version` never goes backwards. Sync runs count a listing when it is finally done.
 */
export async function recordResults(
  tx: EntityManager,
  token: string,
  records: readonly ListingRecord[],
  logs: readonly SyncLogRecord[],
): Promise<RecordOutcome> {
  if (records.length === 0) return { listings: [], runs: [] };
  const rows = await updateListings(tx, token, records);
  const recorded = new Set(rows.map((row) => row.id));
  await insertSyncLogs(
    tx,
    logs.filter((log) => recorded.has(log.listingId)),
  );
  await enqueueFollowUps(
    tx,
    rows.filter((row) => row.needs_job),
  );
  const runs = await advanceRuns(tx, rows);
  return {
    listings: rows.map((row) => ({
      id: row.id,
      variantId: row.variant_id,
      organizationId: row.organization_id,
      state: row.sync_state,
    })),
    runs,
  };
}

interface UpdatedListingRow {
  id: string;
  variant_id: string | null;
  organization_id: string;
  sync_state: string;
  run_id: string | null;
  run_done: boolean;
  run_failed: boolean;
  needs_job: boolean;
  run_at: string | null;
  priority: number;
}

/** The compare-and-set update of the claimed listings (rows whose claim is no longer `token` are left alone). */
async function updateListings(
  tx: EntityManager,
  token: string,
  records: readonly ListingRecord[],
): Promise<UpdatedListingRow[]> {
  return sqlRows<UpdatedListingRow>(
    tx,
    `with r as (
       select * from jsonb_to_recordset($1::jsonb) as r(
         id uuid, version int, snapshot jsonb, hash text, pushed boolean, pushed_fields text[], result text,
         error text, error_code text, attempts int, retry_at timestamptz)
     ),
     old as (
       select l.id, l.sync_run_id, l.desired_version
         from listing l join r on r.id = l.id
        where l.sync_claim = $2
        order by l.id
        for update of l
     ),
     updated as (
       update listing l
          set last_synced = coalesce(r.snapshot, l.last_synced),
              last_synced_hash = coalesce(r.hash, l.last_synced_hash),
              last_synced_at = case when r.pushed then clock_timestamp() else l.last_synced_at end,
              drift = case when l.drift is null or r.pushed_fields is null then l.drift
                           else nullif(l.drift - r.pushed_fields, '{}'::jsonb) end,
              synced_version = case when r.result in ('success', 'failed')
                                    then greatest(l.synced_version, r.version) else l.synced_version end,
              sync_state = case
                             when l.desired_version <> r.version then 'pending'
                             when r.result = 'success' then
                               case when exists (select 1 from conflict c where c.status = 'open' and (${OWN_OR_PRODUCT_CONFLICT}))
                                    then 'conflict' else 'in_sync' end
                             when r.result = 'failed' then 'failed'
                             else 'pending' end,
              last_error = case when r.result = 'success' then null else coalesce(r.error, l.last_error) end,
              last_error_code = case when r.result = 'success' then null else coalesce(r.error_code, l.last_error_code) end,
              sync_attempts = case when r.result in ('success', 'failed') then 0 else r.attempts end,
              sync_retry_at = r.retry_at,
              sync_claim = null,
              sync_claimed_until = null,
              sync_run_id = case when l.desired_version = r.version and r.result in ('success', 'failed')
                                 then null else l.sync_run_id end,
              updated_at = now()
         from r, old
        where l.id = r.id and old.id = r.id
        returning l.id, l.variant_id, l.organization_id, l.sync_state, r.result, r.retry_at
     )
     select u.id::text as id, u.variant_id::text as variant_id, u.organization_id, u.sync_state,
            old.sync_run_id::text as run_id,
            (old.sync_run_id is not null and u.sync_state in ('in_sync', 'conflict', 'failed')) as run_done,
            (old.sync_run_id is not null and u.sync_state = 'failed') as run_failed,
            (u.sync_state = 'pending' and u.result <> 'release') as needs_job,
            u.retry_at::text as run_at,
            coalesce((select s.priority from sync_run s where s.id = old.sync_run_id and s.status = 'running'), 0) as priority
       from updated u join old on old.id = u.id`,
    [recordsJson(records), token],
  );
}

function recordsJson(records: readonly ListingRecord[]): string {
  return JSON.stringify(
    records.map((record) => ({
      id: record.id,
      version: record.version,
      snapshot: record.snapshot,
      hash: record.hash,
      pushed: record.pushed,
      pushed_fields: record.pushedFields,
      result: record.result,
      error: record.error,
      error_code: record.errorCode,
      attempts: record.attempts,
      retry_at: record.retryAt?.toISOString() ?? null,
    })),
  );
}

/** One sync_log row per operation of the recorded listings. */
async function insertSyncLogs(tx: EntityManager, kept: readonly SyncLogRecord[]): Promise<void> {
  if (kept.length > 0) {
    await sqlRows(
      tx,
      `insert into sync_log (id, organization_id, connection_id, listing_id, sync_run_id, operation, before, after,
                             outcome, attempt, duration_ms, request_id, error_code, error, content_hash, created_at)
       select gen_random_uuid(), r.organization_id, r.connection_id, r.listing_id, r.sync_run_id, r.operation,
              r.before, r.after, r.outcome, r.attempt, r.duration_ms, r.request_id, r.error_code, r.error,
              r.content_hash, clock_timestamp()
         from jsonb_to_recordset($1::jsonb) as r(
           organization_id text, connection_id uuid, listing_id uuid, sync_run_id uuid, operation text,
           before jsonb, after jsonb, outcome text, attempt int, duration_ms int, request_id text,
           error_code text, error text, content_hash text)`,
      [
        JSON.stringify(
          kept.map((log) => ({
            organization_id: log.organizationId,
            connection_id: log.connectionId,
            listing_id: log.listingId,
            sync_run_id: log.syncRunId,
            operation: log.operation,
            before: log.before,
            after: log.after,
            outcome: log.outcome,
            attempt: log.attempt,
            duration_ms: log.durationMs,
            request_id: log.requestId,
            error_code: log.errorCode,
            error: log.error,
            // Every attempt, failed ones included: a push whose answer was lost may still have landed.
            content_hash: log.outcome === "skipped" ? null : pushContentHash(log.operation, log.after),
          })),
        ),
      ],
    );
  }
}

/** Listings still pending after the push (a newer change, a retry) get their job again. */
async function enqueueFollowUps(tx: EntityManager, followUps: readonly UpdatedListingRow[]): Promise<void> {
  if (followUps.length > 0) {
    await sqlRows(
      tx,
      `select count(*) from ${addJobsSql({
        task: SYNC_LISTING_TASK,
        from: "jsonb_to_recordset($1::jsonb) as f(id uuid, run_at timestamptz, priority int)",
        payload: { listingId: "f.id" },
        jobKey: { prefix: syncListingJobKey(""), id: "f.id" },
        jobKeyMode: "replace",
        runAt: "f.run_at",
        priority: { sql: "f.priority" },
      })}`,
      [JSON.stringify(followUps.map((row) => ({ id: row.id, run_at: row.run_at, priority: row.priority })))],
    );
  }
}

/** Counts the listings finally done into their sync runs and finishes the runs that are complete. */
async function advanceRuns(tx: EntityManager, rows: readonly UpdatedListingRow[]): Promise<RecordOutcome["runs"]> {
  const perRun = new Map<string, { done: number; failed: number }>();
  for (const row of rows) {
    if (!row.run_id || !row.run_done) continue;
    const entry = perRun.get(row.run_id) ?? { done: 0, failed: 0 };
    entry.done += 1;
    if (row.run_failed) entry.failed += 1;
    perRun.set(row.run_id, entry);
  }
  if (perRun.size === 0) return [];
  return sqlRows<SyncProgressPayload & { organizationId: string }>(
    tx,
    `update sync_run s
              set done = least(s.total, s.done + x.done),
                  failed = s.failed + x.failed,
                  status = case when s.status = 'running' and s.done + x.done >= s.total then 'succeeded' else s.status end,
                  finished_at = case when s.status = 'running' and s.done + x.done >= s.total then now() else s.finished_at end
             from jsonb_to_recordset($1::jsonb) as x(id uuid, done int, failed int)
            where s.id = x.id
            returning s.id::text as "runId", s.organization_id as "organizationId", s.done, s.failed, s.total, s.status`,
    [JSON.stringify([...perRun].map(([id, counts]) => ({ id, ...counts })))],
  );
}
