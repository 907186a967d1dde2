import { isChannelError, type ChannelDeps, type MarketplaceOrder, type ShopSession } from "@syncstore/channels";
import type { EntityManager } from "@syncstore/db";
import { holdCalls, rateKey, sleep, waitForSlot } from "../sync/rate-limit";
import type { SyncSettings } from "../sync/settings";

/** Both platforms' order-detail calls take at most 50 order ids (Shopee `order_sn_list`, TikTok `ids`). */
export const ORDER_READ_BATCH = 50;
/** The rate-limiter key's API part: order-detail reads are paced apart from stock and price pushes. */
export const ORDER_READ_API = "order";
/** A 429 is waited out (the shop's key held for everyone) this many times before the job retries. */
const RATE_LIMITED_TRIES = 4;

export interface OrderReadDeps {
  em: EntityManager;
  channels: Pick<ChannelDeps, "adapters">;
  settings: Pick<SyncSettings, "rateLimits">;
}

export interface OrderReadShop {
  id: string;
  platform: keyof SyncSettings["rateLimits"];
}

interface OpenBatch {
  ids: Set<string>;
  result: Promise<Map<string, MarketplaceOrder>>;
}

/** Per connection: the read still waiting for its rate-limit slot, which later reads join. */
const openBatches = new Map<string, OpenBatch>();

/**
 * Reads orders' details from the platform, paced by the same shared per-shop limiter as the sync
 * engine's pushes (`channel_rate_limit`, key `<connection>:order`, the platform's configured rate).
 * Reads of one shop that come while a read waits for its slot ride along in that call (up to 50
 * ids), so a burst of order webhooks costs a few calls, not one per order; an idle shop's read
 * goes out at once. A 429 holds the shop's key for everyone for the time the platform asked and
 * the read tries again; after a few it throws (the job retries with backoff).
 */
export async function readOrders(
  deps: OrderReadDeps,
  shop: OrderReadShop,
  session: ShopSession,
  orderIds: readonly string[],
): Promise<Map<string, MarketplaceOrder>> {
  const wanted = [...new Set(orderIds)];
  const found = new Map<string, MarketplaceOrder>();
  for (let start = 0; start < wanted.length; start += ORDER_READ_BATCH) {
    const chunk = wanted.slice(start, start + ORDER_READ_BATCH);
    const read = await joinOrOpen(deps, shop, session, chunk);
    for (const id of chunk) {
      const order = read.get(id);
      if (order) found.set(id, order);
    }
  }
  return found;
}

function joinOrOpen(
  deps: OrderReadDeps,
  shop: OrderReadShop,
  session: ShopSession,
  ids: readonly string[],
): Promise<Map<string, MarketplaceOrder>> {
  const open = openBatches.get(shop.id);
  if (open && open.ids.size + ids.filter((id) => !open.ids.has(id)).length <= ORDER_READ_BATCH) {
    for (const id of ids) open.ids.add(id);
    return open.result;
  }
  const batch: OpenBatch = { ids: new Set(ids), result: Promise.resolve(new Map()) };
  openBatches.set(shop.id, batch);
  batch.result = send(deps, shop, session, batch);
  return batch.result;
}

async function send(
  deps: OrderReadDeps,
  shop: OrderReadShop,
  session: ShopSession,
  batch: OpenBatch,
): Promise<Map<string, MarketplaceOrder>> {
  const limit = deps.settings.rateLimits[shop.platform];
  const key = rateKey(shop.id, ORDER_READ_API);
  const adapter = deps.channels.adapters.get(shop.platform);
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (limit) await waitForSlot(deps.em, key, limit);
    } finally {
      // From here on the ids are fixed: later reads open the next batch.
      if (openBatches.get(shop.id) === batch) openBatches.delete(shop.id);
    }
    try {
      const orders = await adapter.getOrders(session, [...batch.ids]);
      return new Map(orders.map((order) => [order.orderId, order]));
    } catch (error) {
      if (!isChannelError(error) || error.code !== "RATE_LIMITED" || attempt >= RATE_LIMITED_TRIES) throw error;
      const waitMs = error.retryAfterMs ?? 1_000;
      await holdCalls(deps.em.fork(), key, waitMs);
      // Unpaced (no configured limit): the hold row is not consulted, so wait here.
      if (!limit) await sleep(waitMs);
    }
  }
}
