import { DomainError } from "@syncstore/domain";
import { enqueue } from "@syncstore/services";
import { sqlRows } from "@syncstore/db";
import { withChange } from "../../core/change";
import type { OrgScope } from "../scope";

export const statsRanges = {
  "1h": { ms: 3_600_000, bucket: "2 minutes" },
  "24h": { ms: 86_400_000, bucket: "1 hour" },
  "7d": { ms: 7 * 86_400_000, bucket: "6 hours" },
} as const;
export type StatsRange = keyof typeof statsRanges;

export interface LagPoint {
  at: Date;
  events: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface ReconciliationSummary {
  connectionId: string;
  connectionName: string;
  platform: "shopee" | "tiktok";
  lastReconciledAt: Date | null;
  lastRun: {
    id: string;
    status: string;
    startedAt: Date;
    finishedAt: Date | null;
    ordersChecked: number;
    ordersMissed: number;
    listingsChecked: number;
    listingChangesMissed: number;
    error: string | null;
  } | null;
}

export interface WebhookStats {
  from: Date;
  counts: {
    received: number;
    processed: number;
    pending: number;
    failed: number;
    unknownShop: number;
    ignored: number;
    /** Redeliveries acknowledged without a second row. */
    duplicates: number;
    replays: number;
  };
  /** Requests the gateway refused, by reason (missing or invalid signature, stale timestamp). */
  rejections: { missingSignature: number; invalidSignature: number; staleTimestamp: number };
  signatureFailures: number;
  lag: LagPoint[];
  reconciliation: ReconciliationSummary[];
}

const num = (value: unknown) => Number(value ?? 0);
const date = (value: Date | string) => (value instanceof Date ? value : new Date(value));

export async function webhookStats(scope: OrgScope, range: StatsRange): Promise<WebhookStats> {
  const organizationId = scope.actor.organizationId;
  const from = new Date(Date.now() - statsRanges[range].ms);
  const [counts] = await sqlRows<Record<string, string>>(
    scope.em,
    `select count(*) as received,
            count(*) filter (where status = 'processed') as processed,
            count(*) filter (where status = 'received') as pending,
            count(*) filter (where status = 'failed') as failed,
            count(*) filter (where status = 'unknown_shop') as unknown_shop,
            count(*) filter (where status = 'ignored') as ignored,
            coalesce(sum(duplicates), 0) as duplicates,
            coalesce(sum(replays), 0) as replays
       from webhook_event where organization_id = $1 and received_at >= $2`,
    [organizationId, from],
  );
  const rejections = await sqlRows<{ reason: string; count: string }>(
    scope.em,
    `select reason, sum(count) as count from webhook_rejection
      where organization_id = $1 and minute >= date_trunc('minute', $2::timestamptz)
      group by reason`,
    [organizationId, from],
  );
  const byReason = new Map(rejections.map((row) => [row.reason, num(row.count)]));
  const lag = await sqlRows<{ at: Date | string; events: string; p50: number; p95: number; max: number }>(
    scope.em,
    `select date_bin($3::interval, received_at, $2::timestamptz) as at, count(*) as events,
            percentile_cont(0.5) within group (order by ms) as p50,
            percentile_cont(0.95) within group (order by ms) as p95,
            max(ms) as max
       from (select received_at, extract(epoch from (processed_at - received_at)) * 1000 as ms
               from webhook_event
              where organization_id = $1 and received_at >= $2 and processed_at is not null) t
      group by 1 order by 1`,
    [organizationId, from, statsRanges[range].bucket],
  );
  const reconciliation = await sqlRows<{
    connection_id: string;
    name: string;
    platform: "shopee" | "tiktok";
    last_reconciled_at: Date | string | null;
    run_id: string | null;
    status: string | null;
    started_at: Date | string | null;
    finished_at: Date | string | null;
    orders_checked: number | null;
    orders_missed: number | null;
    listings_checked: number | null;
    listing_changes_missed: number | null;
    error: string | null;
  }>(
    scope.em,
    `select c.id::text as connection_id, c.name, c.platform, c.last_reconciled_at, r.id::text as run_id, r.status,
            r.started_at, r.finished_at, r.orders_checked, r.orders_missed, r.listings_checked,
            r.listing_changes_missed, r.error
       from channel_connection c
       left join lateral (select * from reconciliation_run r where r.connection_id = c.id
                           order by r.started_at desc limit 1) r on true
      where c.organization_id = $1 and c.status <> 'disconnected'
      order by c.platform, c.name`,
    [organizationId],
  );
  return {
    from,
    counts: {
      received: num(counts?.received),
      processed: num(counts?.processed),
      pending: num(counts?.pending),
      failed: num(counts?.failed),
      unknownShop: num(counts?.unknown_shop),
      ignored: num(counts?.ignored),
      duplicates: num(counts?.duplicates),
      replays: num(counts?.replays),
    },
    rejections: {
      missingSignature: byReason.get("missing_signature") ?? 0,
      invalidSignature: byReason.get("invalid_signature") ?? 0,
      staleTimestamp: byReason.get("stale_timestamp") ?? 0,
    },
    signatureFailures: (byReason.get("missing_signature") ?? 0) + (byReason.get("invalid_signature") ?? 0),
    lag: lag.map((row) => ({
      at: date(row.at),
      events: num(row.events),
      p50Ms: Math.round(num(row.p50)),
      p95Ms: Math.round(num(row.p95)),
      maxMs: Math.round(num(row.max)),
    })),
    reconciliation: reconciliation.map((row) => ({
      connectionId: row.connection_id,
      connectionName: row.name,
      platform: row.platform,
      lastReconciledAt: row.last_reconciled_at ? date(row.last_reconciled_at) : null,
      lastRun:
        row.run_id && row.started_at
          ? {
              id: row.run_id,
              status: row.status ?? "running",
              startedAt: date(row.started_at),
              finishedAt: row.finished_at ? date(row.finished_at) : null,
              ordersChecked: row.orders_checked ?? 0,
              ordersMissed: row.orders_missed ?? 0,
              listingsChecked: row.listings_checked ?? 0,
              listingChangesMissed: row.listing_changes_missed ?? 0,
              error: row.error,
            }
          : null,
    })),
  };
}

/** Queues a reconciliation pass of one shop now (audited, job in the same transaction). */
export async function reconcileNow(scope: OrgScope, connectionId: string): Promise<{ queued: boolean }> {
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const [connection] = await sqlRows<{ id: string; status: string }>(
      change.tx,
      `select id::text as id, status from channel_connection where organization_id = $1 and id = $2::uuid`,
      [scope.actor.organizationId, connectionId],
    );
    if (!connection) throw new DomainError("NOT_FOUND", "This connection does not exist (it may have been removed)");
    if (connection.status === "disconnected" || connection.status === "needs_reauth")
      throw new DomainError("INVALID", "Connect the shop again before reconciling it");
    await enqueue(
      change.tx,
      "reconcile-connection",
      { connectionId },
      { jobKey: `reconcile:${connectionId}`, maxAttempts: 3, priority: "high" },
    );
    change.audit({ action: "webhook.reconcile", entity: "channel_connection", entityId: connectionId });
    return { queued: true };
  });
}
