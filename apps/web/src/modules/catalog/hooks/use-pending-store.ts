"use client";

import { useState, useSyncExternalStore } from "react";
import { createPendingStore } from "../utils/pending-store";

/** The grid's pending-change store (stable for the page's life) and its current state. */
export function usePendingStore() {
  const [store] = useState(createPendingStore);
  const state = useSyncExternalStore(store.subscribe, store.get, store.get);
  return { store, state };
}
