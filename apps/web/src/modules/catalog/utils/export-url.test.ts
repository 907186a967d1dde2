import { describe, expect, it } from "vitest";
import { catalogExportUrl } from "./export-url";
import { parseGridQuery } from "./grid-query";

function viewOf(url: string): unknown {
  return JSON.parse(new URL(url, "http://localhost").searchParams.get("view") ?? "{}");
}

describe("catalogExportUrl", () => {
  it("carries the view's filters in minor units, search, sort and the visible columns in order", () => {
    const query = parseGridQuery(new URLSearchParams("status=active&priceMin=10&q=shirt&sort=price.desc"));
    const url = catalogExportUrl(query, "USD", [
      { field: "sku", hidden: false, pinned: null },
      { field: "cost", hidden: true, pinned: null },
      { field: "price", hidden: false, pinned: null },
      { field: "categoryId", hidden: false, pinned: null },
      { field: "updatedAt", hidden: false, pinned: null },
    ]);
    expect(url.startsWith("/api/catalog/export?view=")).toBe(true);
    expect(viewOf(url)).toMatchObject({
      filter: { status: ["active"], price: { min: 1000 } },
      search: "shirt",
      columns: ["sku", "price", "category"],
    });
  });

  it("exports everything when nothing is filtered", () => {
    expect(viewOf(catalogExportUrl(parseGridQuery(new URLSearchParams()), "USD", []))).toEqual({ filter: {} });
  });
});
