import type { Platform } from "@syncstore/channels";

/**
 * Tunables of the sync engine. Rate limits come from configuration (SYNC_RATE_LIMIT_*); the rest
 * are constants that tests shorten.
 */
export interface SyncSettings {
  /**
   * Calls per second per shop and API, shared by every worker process; null or 0 means no limit.
   * No 1-second window sees more than this + 1 sends (a late wake-up takes a new slot), so set it at
   * least one below the platform's limit.
   */
  rateLimits: Record<Platform, number | null>;
  /** How long a job's claim on a listing holds without renewal. */
  claimTtlMs: number;
  /** Transient failures are retried this many times before the listing is marked failed. */
  maxAttempts: number;
  /** Exponential backoff with full jitter: base · 2^(attempt-1), at most `backoffCapMs`. */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Platform calls one job runs at once (different products; the rate limiter paces them). */
  callConcurrency: number;
  /**
   * Jobs of one process that drain a rate-limited shop batch after batch; the shop's other jobs
   * hand their listing over and free their worker slot. Two keep the shop's calls flowing while
   * one of them claims or records its next batch.
   */
  drainsPerShop: number;
}

/**
 * TikTok publishes 50 requests/s per API per app and shop; 40 leaves room for imports and
 * reconciliation sharing the quota, and for sends that drift from their slots on a busy host
 * (at 45/s the benchmark saw 51 calls land in one second). Shopee publishes no limit
 * (marketplaces.md, unconfirmed): 18/s is a conservative guess, configurable.
 */
export const defaultSyncSettings: SyncSettings = {
  rateLimits: { shopee: 18, tiktok: 40 },
  claimTtlMs: 30_000,
  maxAttempts: 8,
  backoffBaseMs: 1_000,
  backoffCapMs: 5 * 60_000,
  callConcurrency: 4,
  drainsPerShop: 3,
};

export function syncSettingsFrom(config: {
  SYNC_RATE_LIMIT_SHOPEE: number;
  SYNC_RATE_LIMIT_TIKTOK: number;
}): SyncSettings {
  return {
    ...defaultSyncSettings,
    rateLimits: {
      shopee: config.SYNC_RATE_LIMIT_SHOPEE > 0 ? config.SYNC_RATE_LIMIT_SHOPEE : null,
      tiktok: config.SYNC_RATE_LIMIT_TIKTOK > 0 ? config.SYNC_RATE_LIMIT_TIKTOK : null,
    },
  };
}

/** Delay before try `attempt + 1` after `attempt` failed tries: full jitter, capped. */
export function backoffDelayMs(
  attempt: number,
  settings: Pick<SyncSettings, "backoffBaseMs" | "backoffCapMs">,
  random = Math.random,
): number {
  const ceiling = Math.min(settings.backoffCapMs, settings.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
