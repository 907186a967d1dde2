"use client";

import { useRef } from "react";
import { useRealtime } from "@/lib/realtime/use-realtime";
import { trpc } from "@/lib/trpc/react";

/** Keeps connection statuses, import progress and listing counts live (at most ~2 refetches a second). */
export function useChannelsRealtime() {
  const utils = trpc.useUtils();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void utils.channels.list.invalidate();
      void utils.channels.listings.listUnmatched.invalidate();
    }, 400);
  };
  useRealtime("listings.changed", refresh);
  useRealtime("connection.changed", refresh);
}
