import { type Pool } from "pg";
import { type WebhookPlatform } from "./metrics";

export interface ShopConnection {
  connectionId: string;
  organizationId: string;
}

interface CacheEntry {
  value: ShopConnection | null;
  expiresAt: number;
}

export interface ShopDirectoryOptions {
  /** How long a resolved shop is trusted (default 30 s). */
  ttlMs?: number;
  /** How long "not connected" is trusted, short so a new connection is seen quickly (default 5 s). */
  negativeTtlMs?: number;
  /** Entries kept at most; the oldest are dropped first (default 10,000). */
  maxEntries?: number;
}

const keyOf = (platform: WebhookPlatform, shopId: string) => `${platform}:${shopId}`;

/**
 * Marketplace shop → channel connection, cached briefly so a burst of webhooks costs one lookup per
 * shop rather than one per request. Misses of a whole batch are resolved with one query. A shop
 * connected by several organizations resolves to its active connection, the most recently updated
 * first.
 */
export class ShopDirectory {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly ttlMs: number;
  private readonly negativeTtlMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly pool: Pool,
    options: ShopDirectoryOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.negativeTtlMs = options.negativeTtlMs ?? 5_000;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  /** Resolves every distinct shop; the map's keys are `platform:shopId`. */
  async resolve(
    shops: readonly { platform: WebhookPlatform; shopId: string }[],
  ): Promise<Map<string, ShopConnection | null>> {
    const now = Date.now();
    const found = new Map<string, ShopConnection | null>();
    const missing = new Map<string, { platform: WebhookPlatform; shopId: string }>();
    for (const shop of shops) {
      const key = keyOf(shop.platform, shop.shopId);
      if (found.has(key) || missing.has(key)) continue;
      const entry = this.cache.get(key);
      if (entry && entry.expiresAt > now) found.set(key, entry.value);
      else missing.set(key, shop);
    }
    if (missing.size === 0) return found;

    const wanted = [...missing.values()];
    const { rows } = await this.pool.query<{
      platform: WebhookPlatform;
      external_shop_id: string;
      id: string;
      organization_id: string;
    }>(
      `select distinct on (c.platform, c.external_shop_id) c.platform, c.external_shop_id, c.id::text, c.organization_id
         from channel_connection c
         join unnest($1::text[], $2::text[]) as w(platform, shop_id)
           on c.platform = w.platform and c.external_shop_id = w.shop_id
        order by c.platform, c.external_shop_id, (c.status = 'active') desc, (c.status <> 'disconnected') desc,
                 c.updated_at desc`,
      [wanted.map((shop) => shop.platform), wanted.map((shop) => shop.shopId)],
    );
    const resolved = new Map(
      rows.map((row) => [
        keyOf(row.platform, row.external_shop_id),
        { connectionId: row.id, organizationId: row.organization_id },
      ]),
    );
    for (const key of missing.keys()) {
      const value = resolved.get(key) ?? null;
      found.set(key, value);
      this.remember(key, value, now);
    }
    return found;
  }

  /** Forget everything (after a write found a cached connection gone). */
  invalidate(): void {
    this.cache.clear();
  }

  private remember(key: string, value: ShopConnection | null, now: number): void {
    if (this.cache.size >= this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.delete(key);
    this.cache.set(key, { value, expiresAt: now + (value ? this.ttlMs : this.negativeTtlMs) });
  }
}

export const shopKey = keyOf;
