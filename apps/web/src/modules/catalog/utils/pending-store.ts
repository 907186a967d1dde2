import { emptyPending, type PendingState } from "./pending-changes";

/** A tiny external store around the pure pending-change state, for `useSyncExternalStore`. */
export interface PendingStore {
  get(): PendingState;
  update(next: (state: PendingState) => PendingState): void;
  subscribe(listener: () => void): () => void;
}

export function createPendingStore(): PendingStore {
  let state = emptyPending();
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    update(next) {
      const updated = next(state);
      if (updated === state) return;
      state = updated;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
