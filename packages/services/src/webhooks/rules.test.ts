import type { ChannelProduct } from "@syncstore/channels";
import { describe, expect, it } from "vitest";
import {
  changedFields,
  channelSnapshot,
  driftOf,
  isNewerOrSame,
  listingStatusEffect,
  minorUnits,
  normalizeOrderStatus,
} from "./rules";

describe("order statuses", () => {
  it("maps every platform status onto ours", () => {
    expect(normalizeOrderStatus("shopee", "UNPAID")).toBe("created");
    expect(normalizeOrderStatus("shopee", "READY_TO_SHIP")).toBe("paid");
    expect(normalizeOrderStatus("shopee", "IN_CANCEL")).toBe("paid");
    expect(normalizeOrderStatus("shopee", "SHIPPED")).toBe("shipped");
    expect(normalizeOrderStatus("shopee", "CANCELLED")).toBe("cancelled");
    expect(normalizeOrderStatus("shopee", "COMPLETED")).toBe("completed");
    expect(normalizeOrderStatus("shopee", "TO_RETURN")).toBe("returned");
    expect(normalizeOrderStatus("tiktok", "ON_HOLD")).toBe("paid");
    expect(normalizeOrderStatus("tiktok", "AWAITING_COLLECTION")).toBe("paid");
    expect(normalizeOrderStatus("tiktok", "IN_TRANSIT")).toBe("shipped");
    expect(normalizeOrderStatus("tiktok", "CANCEL")).toBe("cancelled");
    expect(normalizeOrderStatus("tiktok", null)).toBe("created");
  });
});

describe("newer state wins", () => {
  const t = (seconds: number) => new Date(seconds * 1000);
  it("applies newer and equal states, never older or undated ones over dated ones", () => {
    expect(isNewerOrSame(t(2), t(1))).toBe(true);
    expect(isNewerOrSame(t(1), t(1))).toBe(true);
    expect(isNewerOrSame(t(1), t(2))).toBe(false);
    expect(isNewerOrSame(null, t(1))).toBe(false);
    expect(isNewerOrSame(null, null)).toBe(true);
    expect(isNewerOrSame(t(1), null)).toBe(true);
    expect(isNewerOrSame("2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z")).toBe(true);
  });
});

describe("channel state and drift", () => {
  const product: ChannelProduct = {
    productId: "1",
    title: "Mug",
    description: null,
    status: "NORMAL",
    sku: null,
    hasVariants: false,
    updatedAt: null,
    variants: [
      { variantId: "0", sku: "MUG", price: { amount: "12.90", currency: "SGD" }, stock: 7, locations: [], options: {} },
    ],
  };

  it("reads what the channel shows in minor units", () => {
    expect(channelSnapshot(product, product.variants[0]!)).toEqual({
      title: "Mug",
      price: 1290,
      currency: "SGD",
      stock: 7,
      status: "NORMAL",
    });
    expect(minorUnits({ amount: "199000", currency: "VND" })).toBe(199000);
    expect(minorUnits(null)).toBeNull();
  });

  it("records drift only for fields both sides know and that differ", () => {
    const channel = { title: "Mug", price: 1290, stock: 7, status: "NORMAL" };
    expect(driftOf(null, channel)).toBeNull();
    expect(driftOf({ title: "Mug", price: 1290, stock: 7 }, channel)).toBeNull();
    expect(driftOf({ title: "Mug", price: 1490, stock: 9, description: "x" }, channel)).toEqual({
      price: 1290,
      stock: 7,
    });
  });

  it("lists the fields that changed since the last observation", () => {
    expect(changedFields({ price: 1, stock: 2 }, { price: 1, stock: 3, title: "A" })).toEqual(["title", "stock"]);
    expect(changedFields(null, { price: 1 })).toEqual(["price"]);
  });
});

describe("product statuses", () => {
  it("blocks pushes to deleted and banned products and lifts the block when active", () => {
    expect(listingStatusEffect("shopee", "BANNED", "Counterfeit")).toMatchObject({
      kind: "blocked",
      syncState: "failed",
      errorCode: "CHANNEL_BANNED",
      error: expect.stringContaining("Counterfeit"),
    });
    expect(listingStatusEffect("tiktok", "DELETED")).toMatchObject({ kind: "blocked", errorCode: "CHANNEL_DELETED" });
    expect(listingStatusEffect("shopee", "SELLER_DELETE")).toMatchObject({ errorCode: "CHANNEL_DELETED" });
    expect(listingStatusEffect("tiktok", "FREEZE")).toMatchObject({ errorCode: "CHANNEL_BANNED" });
    expect(listingStatusEffect("tiktok", "ACTIVATE")).toEqual({ kind: "active" });
    expect(listingStatusEffect("shopee", "UNLIST")).toEqual({ kind: "other" });
  });
});
