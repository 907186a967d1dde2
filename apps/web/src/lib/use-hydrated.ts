"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/**
 * False on the server and during hydration, true after. For what only the browser knows (its
 * time zone, queries that may resolve before a streamed boundary hydrates): rendering it only
 * after hydration keeps the first client render equal to the server's.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
