import { z } from "zod";
import { type Platform } from "./store/types";

/** Fault injection settings of one shop; every field is optional in updates (merged). */
export const shopFaultsSchema = z.object({
  /**
   * Requests per second allowed (per API, or per shop with `rateLimitScope: "shop"`). `null` means
   * unlimited; leaving it unset uses the platform default (TikTok 50/s per API; Shopee none).
   */
  rateLimitPerSecond: z.number().int().positive().nullable().optional(),
  rateLimitScope: z.enum(["api", "shop"]).default("api"),
  /** Share of API calls answered with the platform's 5xx internal error, 0–1. */
  errorRate: z.number().min(0).max(1).default(0),
  /** Milliseconds added before every API answer. */
  latencyMs: z.number().int().min(0).max(120_000).default(0),
  /** Share of API calls never answered (the client must time out), 0–1. */
  timeoutRate: z.number().min(0).max(1).default(0),
  /** Share of webhooks delivered twice (same body, same message id), 0–1. */
  webhookDuplicateRate: z.number().min(0).max(1).default(0),
  /** Hold webhooks briefly and deliver them in reverse order. */
  webhookOutOfOrder: z.boolean().default(false),
  /** Share of webhooks never sent (Shopee keeps them for get_lost_push_message), 0–1. */
  webhookDropRate: z.number().min(0).max(1).default(0),
});

export type ShopFaults = z.infer<typeof shopFaultsSchema>;
export const shopFaultsPatchSchema = shopFaultsSchema.partial();
export type ShopFaultsPatch = z.infer<typeof shopFaultsPatchSchema>;

export const noFaults: ShopFaults = shopFaultsSchema.parse({});

export interface DefaultRateLimits {
  shopee: number | null;
  tiktok: number | null;
}

/** TikTok: 50 requests/s per API per app and shop. Shopee publishes none (unconfirmed): unlimited. */
export const platformRateLimits: DefaultRateLimits = { shopee: null, tiktok: 50 };

export class FaultRegistry {
  private readonly byShop = new Map<string, ShopFaults>();

  constructor(private readonly defaults: DefaultRateLimits) {}

  get(shopKey: string): ShopFaults {
    return this.byShop.get(shopKey) ?? noFaults;
  }

  update(shopKey: string, patch: ShopFaultsPatch): ShopFaults {
    const merged = shopFaultsSchema.parse({ ...this.get(shopKey), ...patch });
    this.byShop.set(shopKey, merged);
    return merged;
  }

  reset(shopKey: string): void {
    this.byShop.delete(shopKey);
  }

  /** The limit in force for a shop: its own setting, else the platform default. */
  effectiveRateLimit(platform: Platform, shopKey: string): number | null {
    const own = this.get(shopKey).rateLimitPerSecond;
    return own === undefined ? this.defaults[platform] : own;
  }
}

interface SecondBucket {
  second: number;
  accepted: number;
  rejected: number;
  byApi: Record<string, number>;
  acceptedByApi: Record<string, number>;
}

export interface TrafficStats {
  total: number;
  accepted: number;
  rejected: number;
  /** Most requests (accepted or not) the client sent in one second, overall and per API. */
  maxPerSecond: number;
  maxPerSecondByApi: Record<string, number>;
  seconds: { second: number; count: number; rejected: number; byApi: Record<string, number> }[];
}

/** Keeps this many seconds of per-second counters per shop. */
const WINDOW_SECONDS = 600;

/** Per-shop, per-second request counters: the rate limiter's memory and the tests' evidence. */
export class TrafficCounters {
  private readonly shops = new Map<string, SecondBucket[]>();

  /** Accepted requests in `second` (for one API, or all with `api` null). */
  acceptedIn(shopKey: string, api: string | null, second: number): number {
    const bucket = this.shops.get(shopKey)?.find((entry) => entry.second === second);
    if (!bucket) return 0;
    return api === null ? bucket.accepted : (bucket.acceptedByApi[api] ?? 0);
  }

  record(shopKey: string, api: string, second: number, accepted: boolean): void {
    let buckets = this.shops.get(shopKey);
    if (!buckets) {
      buckets = [];
      this.shops.set(shopKey, buckets);
    }
    let bucket = buckets.find((entry) => entry.second === second);
    if (!bucket) {
      bucket = { second, accepted: 0, rejected: 0, byApi: {}, acceptedByApi: {} };
      buckets.push(bucket);
      buckets.sort((a, b) => a.second - b.second);
      while (buckets.length > 0 && (buckets[0]?.second ?? second) < second - WINDOW_SECONDS) buckets.shift();
    }
    bucket.byApi[api] = (bucket.byApi[api] ?? 0) + 1;
    if (accepted) {
      bucket.accepted += 1;
      bucket.acceptedByApi[api] = (bucket.acceptedByApi[api] ?? 0) + 1;
    } else {
      bucket.rejected += 1;
    }
  }

  stats(shopKey: string): TrafficStats {
    const buckets = this.shops.get(shopKey) ?? [];
    const maxPerSecondByApi: Record<string, number> = {};
    let accepted = 0;
    let rejected = 0;
    let maxPerSecond = 0;
    for (const bucket of buckets) {
      accepted += bucket.accepted;
      rejected += bucket.rejected;
      maxPerSecond = Math.max(maxPerSecond, bucket.accepted + bucket.rejected);
      for (const [api, count] of Object.entries(bucket.byApi))
        maxPerSecondByApi[api] = Math.max(maxPerSecondByApi[api] ?? 0, count);
    }
    return {
      total: accepted + rejected,
      accepted,
      rejected,
      maxPerSecond,
      maxPerSecondByApi,
      seconds: buckets.map((bucket) => ({
        second: bucket.second,
        count: bucket.accepted + bucket.rejected,
        rejected: bucket.rejected,
        byApi: { ...bucket.byApi },
      })),
    };
  }

  reset(shopKey: string): void {
    this.shops.delete(shopKey);
  }
}
