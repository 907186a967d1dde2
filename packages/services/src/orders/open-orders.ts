import type { ChannelAdapter, MarketplaceOrder, ShopSession } from "@syncstore/channels";
import { openOrderStatuses, type OrderPlatform } from "@syncstore/domain";
import { retryChannelCall } from "../channels/retry-call";

/**
 * How far back a newly connected shop's open orders are read. Both platforms cancel unpaid orders
 * within days and ask for shipment within weeks, so an order still open is younger than this.
 */
export const OPEN_ORDERS_LOOKBACK_MS = 90 * 86_400_000;

/**
 * Every open order of a shop (statuses that still hold stock), page by page, whatever its age up
 * to the look-back: one search per open status, by creation time, in windows the platform accepts
 * (Shopee's get_order_list spans at most 15 days a call, so it walks back window by window; TikTok
 * searches the whole look-back at once). A repeated page cursor is a platform fault and stops.
 */
export async function* openOrderPages(
  adapter: ChannelAdapter,
  session: ShopSession,
  platform: OrderPlatform,
  now: Date,
): AsyncGenerator<MarketplaceOrder[]> {
  const window = adapter.orderListWindowMs ?? OPEN_ORDERS_LOOKBACK_MS;
  const oldest = now.getTime() - OPEN_ORDERS_LOOKBACK_MS;
  for (const status of openOrderStatuses(platform)) {
    for (let until = now.getTime(); until > oldest; until -= window) {
      const since = Math.max(oldest, until - window);
      let pageToken: string | null = null;
      const seen = new Set<string>();
      for (;;) {
        const page = await retryChannelCall(() =>
          adapter.listOrders(session, {
            updatedSince: new Date(since),
            updatedUntil: new Date(until),
            timeField: "create_time",
            status,
            pageToken,
          }),
        );
        if (page.orders.length > 0) yield page.orders;
        if (!page.nextPageToken) break;
        if (seen.has(page.nextPageToken))
          throw new Error(`The platform returned the order page cursor ${page.nextPageToken} twice`);
        seen.add(page.nextPageToken);
        pageToken = page.nextPageToken;
      }
    }
  }
}
