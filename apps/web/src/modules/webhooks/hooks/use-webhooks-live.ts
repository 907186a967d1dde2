"use client";

import { useState } from "react";
import { trpc } from "@/lib/trpc/react";
import { useRealtime } from "@/lib/realtime/use-realtime";
import { useThrottled } from "@/modules/sync/hooks/use-throttled";

/**
 * Keeps the screen live: every `webhook.activity` (stored, processed, failed, replay recognised)
 * refetches the log, the counts and the open event at most twice a second; the alerts panel
 * (alerts module) keeps itself live. Returns the ids that changed since the screen opened, for highlighting.
 */
export function useWebhooksLive() {
  const utils = trpc.useUtils();
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const refresh = useThrottled(() => {
    void utils.webhooks.list.invalidate();
    void utils.webhooks.stats.invalidate();
    void utils.webhooks.get.invalidate();
  }, 500);
  useRealtime("webhook.activity", (payload) => {
    setFresh((previous) => new Set(previous).add(payload.eventId));
    refresh();
  });
  useRealtime("connection.changed", () => {
    void utils.webhooks.stats.invalidate();
  });
  return fresh;
}
