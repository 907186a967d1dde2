"use client";

import { useRef } from "react";
import { useRealtime } from "@/lib/realtime/use-realtime";
import { trpc } from "@/lib/trpc/react";

/** New and closed conflicts arrive over socket.io; the list and the badge refetch (at most ~2 a second). */
export function useConflictsLive() {
  const utils = trpc.useUtils();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useRealtime("conflicts.changed", () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void utils.conflicts.list.invalidate();
      void utils.conflicts.countOpen.invalidate();
      void utils.conflicts.reviews.invalidate();
    }, 400);
  });
}
