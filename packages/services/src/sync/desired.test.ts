import { describe, expect, it } from "vitest";
import { changedOperations, desiredState, snapshotHash, type ListingState } from "./desired";
import { backoffDelayMs, defaultSyncSettings, syncSettingsFrom } from "./settings";

const state = (overrides: Partial<ListingState> = {}): ListingState => ({
  id: "l1",
  organizationId: "o1",
  connectionId: "c1",
  productId: "p1",
  variantId: "v1",
  externalProductId: "100",
  externalVariantId: "200",
  titleOverride: null,
  descriptionOverride: null,
  priceRule: null,
  stockBuffer: 0,
  stockCap: null,
  desiredVersion: 2,
  lastSynced: { title: "Tee", description: "Soft", price: 1990, stock: 5 },
  drift: null,
  syncRunId: null,
  syncAttempts: 0,
  price: 1990,
  available: 5,
  title: "Tee",
  description: "Soft",
  productStatus: "active",
  currency: "SGD",
  ...overrides,
});

describe("desired channel state", () => {
  it("applies price rules, stock buffer and cap, and text overrides", () => {
    expect(
      desiredState(
        state({
          priceRule: { kind: "change_percent", basisPoints: 1000, ending: "none" },
          stockBuffer: 2,
          stockCap: 2,
          available: 10,
          titleOverride: "Tee (shop)",
        }),
      ),
    ).toEqual({ price: 2189, stock: 2, title: "Tee (shop)", description: "Soft" });
  });

  it("offers nothing for an archived product and never a negative stock", () => {
    expect(desiredState(state({ productStatus: "archived" })).stock).toBe(0);
    expect(desiredState(state({ available: -3 })).stock).toBe(0);
  });

  it("sends only what differs from the last synced snapshot", () => {
    expect(changedOperations(desiredState(state()), state().lastSynced)).toEqual([]);
    expect(changedOperations(desiredState(state({ price: 2500 })), state().lastSynced)).toEqual(["price"]);
    expect(changedOperations(desiredState(state({ available: 9, title: "New" })), state().lastSynced)).toEqual([
      "stock",
      "fields",
    ]);
    expect(changedOperations(desiredState(state()), null)).toEqual(["price", "stock", "fields"]);
    // No master description: nothing to send for it (a channel description is not cleared).
    expect(changedOperations(desiredState(state({ description: null })), state().lastSynced)).toEqual([]);
  });

  it("hashes snapshots independently of key order", () => {
    expect(snapshotHash({ price: 1, stock: 2 })).toBe(snapshotHash({ stock: 2, price: 1 }));
    expect(snapshotHash({ price: 1 })).not.toBe(snapshotHash({ price: 2 }));
  });
});

describe("sync settings", () => {
  it("backs off exponentially with jitter, up to the cap", () => {
    const settings = { backoffBaseMs: 1_000, backoffCapMs: 10_000 };
    expect(backoffDelayMs(1, settings, () => 0)).toBe(500);
    expect(backoffDelayMs(1, settings, () => 1)).toBe(1_000);
    expect(backoffDelayMs(3, settings, () => 1)).toBe(4_000);
    expect(backoffDelayMs(20, settings, () => 1)).toBe(10_000);
    expect(backoffDelayMs(20, settings, () => 0)).toBe(5_000);
  });

  it("reads rate limits from configuration, 0 meaning no limit", () => {
    expect(syncSettingsFrom({ SYNC_RATE_LIMIT_SHOPEE: 0, SYNC_RATE_LIMIT_TIKTOK: 40 }).rateLimits).toEqual({
      shopee: null,
      tiktok: 40,
    });
    expect(defaultSyncSettings.rateLimits.tiktok).toBeLessThan(50);
  });
});
