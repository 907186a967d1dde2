import { describe, expect, it } from "vitest";
import { formatDays, formatDelta, formatQuantity } from "./format-quantity";
import { exportUrl, inventoryQueryToSearch, parseInventoryQuery } from "./inventory-query";

describe("inventory formatting", () => {
  it.each([
    [formatQuantity(12480), "12,480"],
    [formatQuantity(null), "—"],
    [formatDelta(5), "+5"],
    [formatDelta(-3), "−3"],
    [formatDelta(0), "0"],
    [formatDays(12.54), "12.5 days"],
    [formatDays(1), "1 day"],
    [formatDays(null), "—"],
  ])("%s", (actual, expected) => expect(actual).toBe(expected));
});

describe("inventory URL query", () => {
  it("parses valid filters and drops invalid ones", () => {
    const shop = "4b0c2bb6-8d0a-4a51-9d7a-1d2b3c4d5e6f";
    expect(parseInventoryQuery(new URLSearchParams(`stock=low&shop=${shop}&q=tee`))).toEqual({
      stock: "low",
      shop,
      q: "tee",
    });
    expect(parseInventoryQuery(new URLSearchParams("stock=bogus&shop=nope"))).toEqual({
      stock: "all",
      shop: undefined,
      q: undefined,
    });
  });

  it("writes the URL and the export URL", () => {
    expect(inventoryQueryToSearch({ stock: "all" })).toBe("");
    expect(inventoryQueryToSearch({ stock: "drift", q: "a b" })).toBe("?stock=drift&q=a+b");
    expect(exportUrl({ stock: "out", shop: "s1" })).toBe("/api/inventory/export?stock=out&connectionId=s1");
  });
});
