"use client";

import { trpc } from "@/lib/trpc/react";
import { useRealtime } from "@/lib/realtime/use-realtime";

/** Refetches the bell and the alert lists when an alert is raised, acknowledged or resolved. */
export function useAlertsLive() {
  const utils = trpc.useUtils();
  const refresh = () => {
    void utils.alerts.unreadCount.invalidate();
    void utils.alerts.list.invalidate();
    void utils.alerts.facets.invalidate();
  };
  useRealtime("alert.raised", refresh);
  useRealtime("alert.updated", refresh);
}
