import { describe, expect, it } from "vitest";
import { applyBulkAction, bulkActionLevel, bulkActionSchema, MAX_TAGS, type BulkRow } from "./bulk";

const row: BulkRow = {
  price: 1240,
  compareAtPrice: null,
  categoryId: null,
  status: "draft",
  tags: ["summer"],
  stockOnHand: 10,
  reserved: 3,
};
const apply = (input: unknown, over: Partial<BulkRow> = {}, currency = "USD") =>
  applyBulkAction({ ...row, ...over }, bulkActionSchema.parse(input), currency);

describe("bulkActionSchema", () => {
  it("defaults the price ending to none and refuses unknown kinds and bad fields", () => {
    expect(bulkActionSchema.parse({ kind: "set_price", amount: 500 })).toEqual({
      kind: "set_price",
      amount: 500,
      ending: "none",
    });
    expect(bulkActionSchema.safeParse({ kind: "explode" }).success).toBe(false);
    expect(bulkActionSchema.safeParse({ kind: "set_price", amount: -1 }).success).toBe(false);
    expect(bulkActionSchema.safeParse({ kind: "change_price_percent", percent: 10.001 }).success).toBe(false);
    expect(bulkActionSchema.safeParse({ kind: "change_price_percent", percent: -101 }).success).toBe(false);
    expect(bulkActionSchema.safeParse({ kind: "set_stock", quantity: 1.5 }).success).toBe(false);
    expect(bulkActionSchema.safeParse({ kind: "add_tag", tag: "  " }).success).toBe(false);
  });
});

describe("applyBulkAction", () => {
  it("sets and changes prices, with endings", () => {
    expect(apply({ kind: "set_price", amount: 999 })).toMatchObject({ ok: true, changed: true, next: { price: 999 } });
    expect(apply({ kind: "change_price_amount", amount: -240 })).toMatchObject({ next: { price: 1000 } });
    expect(apply({ kind: "change_price_percent", percent: 10 })).toMatchObject({ next: { price: 1364 } });
    expect(apply({ kind: "change_price_percent", percent: 10, ending: "99" })).toMatchObject({ next: { price: 1399 } });
    expect(apply({ kind: "change_price_percent", percent: 12.5 }, { price: 1000 })).toMatchObject({
      next: { price: 1125 },
    });
    expect(apply({ kind: "round_price", ending: "90" })).toMatchObject({ next: { price: 1290 } });
    expect(apply({ kind: "round_price", ending: "whole" })).toMatchObject({ next: { price: 1200 } });
    expect(apply({ kind: "round_price", ending: "whole" }, { price: 1200 })).toMatchObject({
      ok: true,
      changed: false,
    });
    expect(apply({ kind: "round_price", ending: "99" }, { price: 1500 }, "JPY")).toMatchObject({ changed: false });
  });

  it("reports a negative price as a row error", () => {
    expect(apply({ kind: "change_price_amount", amount: -2000 })).toEqual({
      ok: false,
      reason: "The rule makes the price negative (-760)",
    });
  });

  it("sets compare-at, category, status", () => {
    expect(apply({ kind: "set_compare_at", amount: 2000 })).toMatchObject({ next: { compareAtPrice: 2000 } });
    expect(apply({ kind: "set_compare_at", amount: null })).toMatchObject({ changed: false });
    const categoryId = "0b9c2f8e-6f0e-4a57-9e58-6a0e3f2d8c11";
    expect(apply({ kind: "set_category", categoryId })).toMatchObject({ changed: true, next: { categoryId } });
    expect(apply({ kind: "set_status", status: "active" })).toMatchObject({ next: { status: "active" } });
  });

  it("adds and removes tags once, and refuses a 51st tag", () => {
    expect(apply({ kind: "add_tag", tag: "sale" })).toMatchObject({ next: { tags: ["summer", "sale"] } });
    expect(apply({ kind: "add_tag", tag: "summer" })).toMatchObject({ ok: true, changed: false });
    expect(apply({ kind: "remove_tag", tag: "summer" })).toMatchObject({ next: { tags: [] } });
    expect(apply({ kind: "remove_tag", tag: "winter" })).toMatchObject({ changed: false });
    const full = Array.from({ length: MAX_TAGS }, (_, i) => `t${i}`);
    expect(apply({ kind: "add_tag", tag: "one-more" }, { tags: full })).toEqual({
      ok: false,
      reason: "The product already has 50 tags",
    });
  });

  it("sets stock but never below the reserved units", () => {
    expect(apply({ kind: "set_stock", quantity: 50 })).toMatchObject({ next: { stockOnHand: 50 } });
    expect(apply({ kind: "set_stock", quantity: 2 })).toEqual({
      ok: false,
      reason: "Stock cannot go below the 3 units reserved for orders",
    });
  });

  it("does not mutate the row", () => {
    const input = { ...row, tags: ["a"] };
    applyBulkAction(input, bulkActionSchema.parse({ kind: "add_tag", tag: "b" }), "USD");
    expect(input.tags).toEqual(["a"]);
  });

  it("names the level an action writes", () => {
    expect(bulkActionLevel(bulkActionSchema.parse({ kind: "set_status", status: "active" }))).toBe("product");
    expect(bulkActionLevel(bulkActionSchema.parse({ kind: "set_stock", quantity: 1 }))).toBe("stock");
    expect(bulkActionLevel(bulkActionSchema.parse({ kind: "set_price", amount: 1 }))).toBe("variant");
  });
});
