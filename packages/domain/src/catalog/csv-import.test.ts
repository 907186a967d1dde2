import { describe, expect, it } from "vitest";
import { autoMapHeaders, mappingProblems, normalizeHeader, parseOptions, validateImportRow } from "./csv-import";

describe("autoMapHeaders", () => {
  it("matches the export's own headers", () => {
    const headers = [
      "SKU",
      "Title",
      "Options",
      "Price",
      "Compare-at price",
      "Cost",
      "Barcode",
      "Weight (g)",
      "Stock on hand",
      "Status",
      "Brand",
      "Category",
      "Tags",
    ];
    const { mapping, unknown } = autoMapHeaders(headers);
    expect(mapping).toEqual([
      "sku",
      "title",
      "options",
      "price",
      "compareAtPrice",
      "cost",
      "barcode",
      "weightGrams",
      "stockOnHand",
      "status",
      "brand",
      "category",
      "tags",
    ]);
    expect(unknown).toEqual([]);
  });

  it("is case, space and punctuation insensitive and knows synonyms", () => {
    const { mapping, unknown } = autoMapHeaders(["Variant SKU", "NAME", "qty", "compare_at_price", "Colour notes"]);
    expect(mapping).toEqual(["sku", "title", "stockOnHand", "compareAtPrice", null]);
    expect(unknown).toEqual([{ column: 4, header: "Colour notes" }]);
    expect(autoMapHeaders(["Quantity"]).mapping).toEqual(["stockOnHand"]);
    expect(autoMapHeaders(["stock"]).mapping).toEqual(["stockOnHand"]);
    expect(autoMapHeaders(["Stock on hand", "Expected stock"]).mapping).toEqual(["stockOnHand", "expectedStockOnHand"]);
    expect(normalizeHeader(" Compare-At  Price ")).toBe("compareatprice");
  });

  it("maps a field once and applies overrides by header or column", () => {
    expect(autoMapHeaders(["sku", "SKU"]).mapping).toEqual(["sku", null]);
    const { mapping, unknown } = autoMapHeaders(["Code", "Name", "Extra"], { Code: "sku", "2": "brand", Name: null });
    expect(mapping).toEqual(["sku", null, "brand"]);
    expect(unknown).toEqual([]);
  });

  it("reports mapping problems", () => {
    expect(mappingProblems(["title", null])).toEqual(["Map a column to SKU: rows are matched by SKU"]);
    expect(mappingProblems(["sku", "price", "price"])).toEqual(["Price is mapped to more than one column"]);
  });
});

describe("validateImportRow", () => {
  const headers = ["SKU", "Title", "Price", "Compare-at price", "Qty", "Status", "Tags", "Options", "Weight"];
  const { mapping } = autoMapHeaders(headers);

  it("turns a row into product and variant patches", () => {
    const result = validateImportRow(
      ["TS-1", " Tee ", "1,234.50", "", "12", "Active", "summer, cotton", "Color: Red; Size: M", "200"],
      headers,
      mapping,
      "USD",
      2,
    );
    expect(result).toEqual({
      ok: true,
      record: {
        row: 2,
        sku: "TS-1",
        product: { title: "Tee", status: "active", tags: ["summer", "cotton"] },
        variant: {
          price: 123450,
          compareAtPrice: null,
          stockOnHand: 12,
          options: { Color: "Red", Size: "M" },
          weightGrams: 200,
        },
      },
    });
  });

  it("reports every bad cell with its row and column", () => {
    const result = validateImportRow(
      ["", "Tee", "12.345", "abc", "-1", "gone", "", "Red", "x"],
      headers,
      mapping,
      "USD",
      7,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [7, "SKU"],
      [7, "Price"],
      [7, "Compare-at price"],
      [7, "Qty"],
      [7, "Status"],
      [7, "Options"],
      [7, "Weight"],
    ]);
    expect(result.errors[0]?.message).toBe("SKU is required");
    expect(result.errors[1]?.message).toContain("not an amount in USD");
  });

  it("rejects a row with the wrong number of columns", () => {
    const result = validateImportRow(["A-1", "x"], headers, mapping, "USD", 3);
    expect(result).toEqual({
      ok: false,
      errors: [{ row: 3, column: null, message: "Row has 2 columns, the header has 9" }],
    });
  });

  it("parses option lists", () => {
    expect(parseOptions("")).toEqual({});
    expect(parseOptions("Size: L")).toEqual({ Size: "L" });
    expect(typeof parseOptions("L")).toBe("string");
  });
});
