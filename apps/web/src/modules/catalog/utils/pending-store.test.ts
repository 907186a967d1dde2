import { describe, expect, it, vi } from "vitest";
import { applyEdits, pendingCount } from "./pending-changes";
import { createPendingStore } from "./pending-store";

describe("createPendingStore", () => {
  it("notifies subscribers only when the state changes", () => {
    const store = createPendingStore();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.update((state) => state);
    expect(listener).not.toHaveBeenCalled();
    store.update((state) =>
      applyEdits(state, [
        {
          variantId: "a",
          field: "sku",
          raw: "X-1",
          result: { ok: true, value: "X-1" },
          original: "X-0",
          versions: { productVersion: 1, variantVersion: 1 },
        },
      ]),
    );
    expect(listener).toHaveBeenCalledTimes(1);
    expect(pendingCount(store.get())).toBe(1);
    unsubscribe();
    store.update(() => createPendingStore().get());
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
