"use client";

import { useRealtime } from "@/lib/realtime/use-realtime";
import { trpc } from "@/lib/trpc/react";
import { useThrottled } from "./use-throttled";

/** Keeps the sync screens' counts, history and product sections fresh while pushes happen. */
export function useSyncLive({ history = false }: { history?: boolean } = {}) {
  const utils = trpc.useUtils();
  const refresh = useThrottled(() => {
    void utils.sync.overview.invalidate();
    void utils.sync.productStatus.invalidate();
    void utils.home.summary.invalidate();
    if (history) void utils.sync.history.invalidate();
  }, 1000);
  useRealtime("listings.changed", refresh);
  useRealtime("sync.progress", refresh);
  useRealtime("connection.changed", refresh);
}
