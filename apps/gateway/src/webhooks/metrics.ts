import { type Pool } from "pg";
import { Counter, Gauge, Histogram, type Registry } from "prom-client";

export type WebhookPlatform = "shopee" | "tiktok";

/** Why a webhook request was refused before anything was stored. */
export type RejectionReason =
  | "missing_signature"
  | "invalid_signature"
  | "stale_timestamp"
  | "too_large"
  | "unsupported_encoding"
  | "aborted"
  | "throttled";

export interface WebhookMetrics {
  received: Counter<"platform">;
  verified: Counter<"platform">;
  rejected: Counter<"platform" | "reason">;
  duplicates: Counter<"platform">;
  persisted: Counter<"platform" | "status">;
  unavailable: Counter<"platform">;
  batchSize: Histogram;
  commitSeconds: Histogram;
  processingLag: Gauge;
  pending: Gauge;
}

/**
 * Webhook counters on the gateway's registry. The processing lag (age of the oldest event still
 * waiting for the worker) is read from the database when /metrics is scraped, so it is true
 * across gateway replicas and worker restarts.
 */
export function createWebhookMetrics(registry: Registry, pool: Pool): WebhookMetrics {
  const registers = [registry];
  // Both gauges come from one query when collected together (the first to ask runs it).
  let backlog: Promise<{ lag: number; pending: number } | null> | undefined;
  const readBacklog = () => {
    backlog ??= pool
      .query<{ lag: number | null; pending: string }>(
        `select extract(epoch from now() - min(received_at))::float8 as lag, count(*)::text as pending
           from webhook_event where status = 'received'`,
      )
      .then(
        ({ rows }) => ({ lag: Math.max(0, rows[0]?.lag ?? 0), pending: Number(rows[0]?.pending ?? 0) }),
        // Database unreachable: the gauges keep their last values; readiness reports the outage.
        () => null,
      )
      .finally(() => {
        backlog = undefined;
      });
    return backlog;
  };
  const lag = new Gauge({
    name: "webhook_processing_lag_seconds",
    help: "Age of the oldest stored webhook event not yet processed (0 when none waits)",
    registers,
    async collect() {
      const read = await readBacklog();
      if (read) this.set(read.lag);
    },
  });
  const pending = new Gauge({
    name: "webhook_events_pending",
    help: "Stored webhook events waiting for processing",
    registers,
    async collect() {
      const read = await readBacklog();
      if (read) this.set(read.pending);
    },
  });
  return {
    processingLag: lag,
    pending,
    received: new Counter({
      name: "webhook_requests_received_total",
      help: "Webhook requests received, by platform",
      labelNames: ["platform"],
      registers,
    }),
    verified: new Counter({
      name: "webhook_requests_verified_total",
      help: "Webhook requests whose signature and timestamp were valid",
      labelNames: ["platform"],
      registers,
    }),
    rejected: new Counter({
      name: "webhook_requests_rejected_total",
      help: "Webhook requests refused before anything was stored, by reason",
      labelNames: ["platform", "reason"],
      registers,
    }),
    duplicates: new Counter({
      name: "webhook_duplicates_total",
      help: "Verified webhook deliveries of an event already stored (acknowledged, not processed again)",
      labelNames: ["platform"],
      registers,
    }),
    persisted: new Counter({
      name: "webhook_events_persisted_total",
      help: "New webhook events committed, by stored status",
      labelNames: ["platform", "status"],
      registers,
    }),
    unavailable: new Counter({
      name: "webhook_requests_unavailable_total",
      help: "Verified webhook requests answered 503 because the database could not commit them",
      labelNames: ["platform"],
      registers,
    }),
    batchSize: new Histogram({
      name: "webhook_batch_size",
      help: "Verified webhook requests committed together in one transaction",
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
      registers,
    }),
    commitSeconds: new Histogram({
      name: "webhook_batch_commit_seconds",
      help: "Time to commit one webhook batch (insert, enqueue, commit)",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5],
      registers,
    }),
  };
}
