import { describe, expect, it } from "vitest";
import { snapshotRows } from "./format-snapshot";
import { runLabel } from "./sync-display";

describe("snapshotRows", () => {
  it("lists every field of either side, money in the organization's currency, changes marked", () => {
    const rows = snapshotRows({ price: 1100, stock: 5 }, { price: 2345, stock: 5, title: "Tee" }, "USD");
    expect(rows).toEqual([
      { field: "price", label: "Price", before: "11.00", after: "23.45", changed: true },
      { field: "stock", label: "Stock", before: "5", after: "5", changed: false },
      { field: "title", label: "Title", before: "—", after: "Tee", changed: true },
    ]);
    expect(snapshotRows(null, null, "USD")).toEqual([]);
  });
});

describe("runLabel", () => {
  it("names runs the way people ask for them", () => {
    expect(runLabel({ kind: "all", scope: {} })).toBe("Sync all");
    expect(runLabel({ kind: "channel", scope: { connectionId: "c" } }, "My shop")).toBe("Sync My shop");
    expect(runLabel({ kind: "products", scope: { productIds: ["a"] } })).toBe("Sync 1 product");
  });
});
