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
  stockRule: null,
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
  shopCurrency: null,
  rate: null,
  rounding: null,
  defaultPriceRule: null,
  ...overrides,
});

describe("desired price in the shop's currency", () => {
  it("converts a USD master price for a MYR shop and rounds it before the listing's rule", () => {
    const desired = desiredState(
      state({
        price: 2349,
        currency: "USD",
        shopCurrency: "MYR",
        rate: "4.7125",
        rounding: { kind: "ending", ending: "90" },
        priceRule: { kind: "change_amount", amount: 100 },
      }),
    );
    expect(desired).toMatchObject({ price: 11190, currency: "MYR", priceProblem: null });
  });

  it("holds the price when the shop's currency has no rate, and never sends the master amount", () => {
    const desired = desiredState(state({ price: 2349, currency: "USD", shopCurrency: "MYR", rate: null }));
    expect(desired.price).toBeNull();
    expect(desired.priceProblem).toMatchObject({ reason: "no_rate" });
    expect(desired.priceProblem?.message).toContain("set a MYR rate");
  });

  it("applies the shop's default price rule to listings without their own", () => {
    const rule = { kind: "change_percent" as const, basisPoints: 1000 };
    expect(desiredState(state({ defaultPriceRule: rule })).price).toBe(2189);
    expect(desiredState(state({ defaultPriceRule: rule, priceRule: { kind: "set", amount: 1500 } })).price).toBe(1500);
  });
});

describe("desired channel state", () => {
  it("applies price rules, stock buffer and cap, and text overrides", () => {
    expect(
      desiredState(
        state({
          priceRule: { kind: "change_percent", basisPoints: 1000, ending: "none" },
          stockRule: { buffer: 2, max: 2 },
          available: 10,
          titleOverride: "Tee (shop)",
        }),
      ),
    ).toEqual({
      price: 2189,
      currency: "SGD",
      priceProblem: null,
      stock: 2,
      title: "Tee (shop)",
      description: "Soft",
    });
  });

  it.each([
    ["the listing's percentage wins over the shop's buffer", { percent: 50 }, { buffer: 1 }, 5],
    ["the listing's fixed quantity wins over the shop's cap", { fixed: 3 }, { max: 8 }, 3],
    ["the listing's stop-below wins", { stopBelow: 20 }, { buffer: 1 }, 0],
    ["the listing's stop-below spares its preferred shop", { stopBelow: 20, stopExceptConnectionId: "c1" }, {}, 10],
    ["an empty listing rule inherits the shop's", {}, { buffer: 1 }, 9],
    ["no listing rule inherits the shop's", null, { buffer: 1 }, 9],
    ["an unreadable stored listing rule inherits the shop's", { buffer: -4 }, { buffer: 1 }, 9],
  ] as const)("%s", (_, stockRule, connectionRule, stock) => {
    expect(desiredState(state({ available: 10, stockRule, connectionRule })).stock).toBe(stock);
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
