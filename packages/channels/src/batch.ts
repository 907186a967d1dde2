/**
 * Price and stock calls take one product (item) per call and a bounded number of entries, so
 * updates are grouped by product and split at the platform's limit. Pure: tested on its own.
 */
export interface Chunk<T> {
  productId: string;
  entries: T[];
}

/** Shopee: 50 models per update_price/update_stock call. */
export const SHOPEE_BATCH_LIMIT = 50;
/** TikTok Shop: 100 SKUs per inventory/price update of one product. */
export const TIKTOK_BATCH_LIMIT = 100;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/**
 * Groups by product in first-seen order and splits each group at `limit`. When one variant
 * appears twice, the later update wins (it is the newer intent) and keeps the earlier's position,
 * because platforms refuse duplicate ids within one call.
 */
export function planBatches<T extends { productId: string }>(
  updates: readonly T[],
  variantKey: (update: T) => string,
  limit: number,
): Chunk<T>[] {
  const byProduct = new Map<string, Map<string, T>>();
  for (const update of updates) {
    let group = byProduct.get(update.productId);
    if (!group) {
      group = new Map();
      byProduct.set(update.productId, group);
    }
    group.set(variantKey(update), update);
  }
  const plan: Chunk<T>[] = [];
  for (const [productId, group] of byProduct) {
    for (const entries of chunk([...group.values()], limit)) plan.push({ productId, entries });
  }
  return plan;
}

/** Entries superseded by a later update of the same variant; they count as succeeded. */
export function supersededEntries<T extends { productId: string }>(
  updates: readonly T[],
  variantKey: (update: T) => string,
): T[] {
  const last = new Map<string, T>();
  for (const update of updates) last.set(`${update.productId}\u0000${variantKey(update)}`, update);
  return updates.filter((update) => last.get(`${update.productId}\u0000${variantKey(update)}`) !== update);
}
