import { type RealtimeEmitter } from "@syncstore/realtime";
import { type Pool } from "pg";
import { type Logger } from "../logger";
import { raiseGatewayAlert } from "./alerts";
import { type WebhookPlatform } from "./metrics";
import { shopKey, type ShopDirectory } from "./shop-directory";

/** Rejections counted in `webhook_rejection` (the shop they claim can be named). */
export type CountedRejection = "missing_signature" | "invalid_signature" | "stale_timestamp";

export interface RejectionRecorderOptions {
  pool: Pool;
  directory: ShopDirectory;
  logger: Logger;
  realtime?: RealtimeEmitter;
  /** How often counts are written (default 5 s). */
  flushIntervalMs?: number;
  /** Signature failures for one shop within `alertWindowMinutes` that open an alert (default 10). */
  alertThreshold?: number;
  alertWindowMinutes?: number;
  /** Distinct (minute, platform, shop, reason) buckets kept in memory; beyond it the shop is dropped (default 5,000). */
  maxBuckets?: number;
}

interface Bucket {
  minute: string;
  platform: WebhookPlatform;
  shopId: string;
  reason: CountedRejection;
  count: number;
  lastAt: number;
}

const SIGNATURE_REASONS: readonly CountedRejection[] = ["missing_signature", "invalid_signature"];

const UPSERT_REJECTIONS = `
insert into webhook_rejection as r
  (id, organization_id, connection_id, platform, external_shop_id, reason, minute, count, last_at)
select gen_random_uuid(), organization_id, connection_id, platform, external_shop_id, reason, minute, count, last_at
  from json_to_recordset($1::json) as b(organization_id text, connection_id uuid, platform text, external_shop_id text,
                                        reason text, minute timestamptz, count int, last_at timestamptz)
 order by platform, external_shop_id, reason, minute
on conflict (platform, external_shop_id, reason, minute) do update
   set count = r.count + excluded.count,
       last_at = greatest(r.last_at, excluded.last_at),
       organization_id = coalesce(excluded.organization_id, r.organization_id),
       connection_id = coalesce(excluded.connection_id, r.connection_id)`;

const RECENT_SIGNATURE_FAILURES = `
select connection_id::text as connection_id, organization_id, platform, external_shop_id, sum(count)::int as failures
  from webhook_rejection
 where connection_id = any($1::uuid[])
   and reason = any($2::text[])
   and minute >= date_trunc('minute', now()) - make_interval(mins => $3::int)
 group by connection_id, organization_id, platform, external_shop_id`;

/**
 * Counts refused webhook requests without a database write per request: counts gather in memory
 * per minute, platform, claimed shop and reason, and are upserted in one statement every few
 * seconds (kept and retried while the database is away). After each write, shops with repeated
 * signature failures raise (or bump) a `webhook.signature_failures` alert for their organization.
 */
export class RejectionRecorder {
  private buckets = new Map<string, Bucket>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> | undefined;
  private readonly maxBuckets: number;
  private readonly alertThreshold: number;
  private readonly alertWindowMinutes: number;

  constructor(private readonly options: RejectionRecorderOptions) {
    this.maxBuckets = options.maxBuckets ?? 5_000;
    this.alertThreshold = options.alertThreshold ?? 10;
    this.alertWindowMinutes = options.alertWindowMinutes ?? 10;
    this.timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 5_000);
    this.timer.unref();
  }

  record(platform: WebhookPlatform, reason: CountedRejection, claimedShopId: string | null, at = Date.now()): void {
    const minute = new Date(Math.floor(at / 60_000) * 60_000).toISOString();
    let shopId = claimedShopId ?? "";
    let key = `${minute}|${platform}|${shopId}|${reason}`;
    if (!this.buckets.has(key) && this.buckets.size >= this.maxBuckets) {
      // Many distinct claimed shops (a scan): keep counting, without the unproven shop.
      shopId = "";
      key = `${minute}|${platform}||${reason}`;
    }
    const bucket = this.buckets.get(key);
    if (bucket) {
      bucket.count += 1;
      bucket.lastAt = Math.max(bucket.lastAt, at);
    } else this.buckets.set(key, { minute, platform, shopId, reason, count: 1, lastAt: at });
  }

  /** Writes what has been counted; safe to call at any time (one write at a time). */
  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flushing;
    await this.flush();
  }

  private async write(): Promise<void> {
    if (this.buckets.size === 0) return;
    const taken = this.buckets;
    this.buckets = new Map();
    const { pool, directory, logger } = this.options;
    try {
      const values = [...taken.values()];
      const connections = await directory.resolve(
        values
          .filter((bucket) => bucket.shopId !== "")
          .map((bucket) => ({ platform: bucket.platform, shopId: bucket.shopId })),
      );
      const records = values.map((bucket) => {
        const connection = bucket.shopId ? connections.get(shopKey(bucket.platform, bucket.shopId)) : null;
        return {
          organization_id: connection?.organizationId ?? null,
          connection_id: connection?.connectionId ?? null,
          platform: bucket.platform,
          external_shop_id: bucket.shopId,
          reason: bucket.reason,
          minute: bucket.minute,
          count: bucket.count,
          last_at: new Date(bucket.lastAt).toISOString(),
        };
      });
      await pool.query(UPSERT_REJECTIONS, [JSON.stringify(records)]);
      const suspects = [
        ...new Set(
          records
            .filter((r) => r.connection_id && SIGNATURE_REASONS.includes(r.reason))
            .map((r) => r.connection_id as string),
        ),
      ];
      const fresh = new Map<string, number>();
      for (const r of records) {
        if (r.connection_id && SIGNATURE_REASONS.includes(r.reason))
          fresh.set(r.connection_id, (fresh.get(r.connection_id) ?? 0) + r.count);
      }
      if (suspects.length > 0) await this.raiseAlerts(suspects, fresh);
    } catch (error) {
      // Keep the counts for the next attempt (merged with what arrived meanwhile).
      for (const [key, bucket] of taken) {
        const current = this.buckets.get(key);
        if (current) {
          current.count += bucket.count;
          current.lastAt = Math.max(current.lastAt, bucket.lastAt);
        } else if (this.buckets.size < this.maxBuckets) this.buckets.set(key, bucket);
      }
      logger.warn({ err: error }, "could not record webhook rejections; will retry");
    }
  }

  private async raiseAlerts(connectionIds: string[], fresh: Map<string, number>): Promise<void> {
    const { pool, realtime, logger } = this.options;
    const { rows } = await pool.query<{
      connection_id: string;
      organization_id: string;
      platform: WebhookPlatform;
      external_shop_id: string;
      failures: number;
    }>(RECENT_SIGNATURE_FAILURES, [connectionIds, SIGNATURE_REASONS, this.alertWindowMinutes]);
    for (const row of rows) {
      if (row.failures < this.alertThreshold) continue;
      const platformName = row.platform === "shopee" ? "Shopee" : "TikTok Shop";
      await raiseGatewayAlert(pool, realtime, logger, {
        organizationId: row.organization_id,
        kind: "webhook.signature_failures",
        dedupeKey: `webhook.signature_failures:${row.connection_id}`,
        severity: "warning",
        title: `Webhooks with bad signatures for ${platformName} shop ${row.external_shop_id}`,
        detail:
          `${row.failures} webhook requests claiming this shop failed signature checks in the last ` +
          `${this.alertWindowMinutes} minutes. Someone may be forging events, or the app secret configured ` +
          "in SyncStore no longer matches the marketplace's.",
        subject: { connectionId: row.connection_id, platform: row.platform, externalShopId: row.external_shop_id },
        occurrences: fresh.get(row.connection_id) ?? 1,
      });
    }
  }
}
