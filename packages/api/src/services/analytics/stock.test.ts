import { describe, expect, it } from "vitest";
import { shownStockRows, STOCK_SHOWN_ROWS, type StockHealthRow } from "./stock";

const row = (i: number, abc: StockHealthRow["abc"], available: number): StockHealthRow => ({
  variantId: `v${i}`,
  sku: `SKU-${String(i).padStart(5, "0")}`,
  title: "T",
  available,
  unitsSold: 0,
  revenue: 0,
  sellThrough: null,
  daysOfCover: null,
  abc,
  outOfStock: available <= 0,
  overstock: available > 0,
});

describe("shownStockRows", () => {
  it("keeps, in ranking order, exactly the first 100 rows of each list the page can show", () => {
    // 1000 ranked rows: class A every 7th, out of stock every 50th (the rest overstock).
    const ranked = Array.from({ length: 1000 }, (_, i) => row(i, i % 7 === 0 ? "A" : "C", i % 50 === 0 ? 0 : 5));
    const shown = shownStockRows(ranked);
    const lists: ((r: StockHealthRow) => boolean)[] = [
      () => true,
      (r) => r.abc === "A",
      (r) => r.abc === "B",
      (r) => r.abc === "C",
      (r) => r.outOfStock,
      (r) => r.overstock,
    ];
    for (const inList of lists) {
      // What the page shows for a list: the first 100 of the rows it got that are in the list.
      expect(shown.filter(inList).slice(0, STOCK_SHOWN_ROWS)).toEqual(ranked.filter(inList).slice(0, STOCK_SHOWN_ROWS));
    }
    expect(shown.map((r) => r.variantId)).toEqual(ranked.filter((r) => shown.includes(r)).map((r) => r.variantId));
    // The first rows, A up to its 100th (row 693) and all 20 out-of-stock rows (the last is row 950).
    expect(shown.length).toBeLessThan(300);
    expect(shown.at(-1)?.variantId).toBe("v950");
  });
});
