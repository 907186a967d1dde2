"use client";

import { trpc } from "@/lib/trpc/react";
import { useRealtime } from "@/lib/realtime/use-realtime";
import { useThrottled } from "@/modules/sync/hooks/use-throttled";

/**
 * Keeps the Orders screens live: an order event processed (webhook or replay) or stock moved by an
 * order refetches the list, the badges and the open order, at most twice a second.
 */
export function useOrdersLive() {
  const utils = trpc.useUtils();
  const refresh = useThrottled(() => {
    void utils.orders.list.invalidate();
    void utils.orders.counts.invalidate();
    void utils.orders.get.invalidate();
    void utils.orders.unmatchedLines.invalidate();
  }, 500);
  useRealtime("webhook.activity", (payload) => {
    if (payload.eventType.startsWith("order") && payload.status === "processed") refresh();
  });
  useRealtime("stock.changed", (payload) => {
    if (payload.reason === "order" || payload.reason === "link") refresh();
  });
}
