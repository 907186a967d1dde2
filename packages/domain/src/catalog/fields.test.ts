import { describe, expect, it } from "vitest";
import { productPatchSchema, validateCatalogCell, variantPatchSchema } from "./fields";

describe("catalog field schemas", () => {
  it("accepts valid SKUs and refuses bad ones", () => {
    expect(validateCatalogCell("sku", " TS-BLK-M ")).toEqual({ ok: true, value: "TS-BLK-M" });
    expect(validateCatalogCell("sku", "")).toMatchObject({ ok: false, message: "SKU is required" });
    expect(validateCatalogCell("sku", "has space")).toMatchObject({ ok: false });
    expect(validateCatalogCell("sku", "x".repeat(65))).toMatchObject({ ok: false });
  });

  it("keeps money as non-negative integer minor units", () => {
    expect(validateCatalogCell("price", 1999)).toEqual({ ok: true, value: 1999 });
    expect(validateCatalogCell("price", 19.99)).toMatchObject({
      ok: false,
      message: "Price must be a whole number of minor units",
    });
    expect(validateCatalogCell("price", -1)).toMatchObject({ ok: false, message: "Price must not be negative" });
    expect(validateCatalogCell("compareAtPrice", null)).toEqual({ ok: true, value: null });
    expect(validateCatalogCell("cost", Number.MAX_SAFE_INTEGER + 2)).toMatchObject({ ok: false });
  });

  it("bounds stock", () => {
    expect(validateCatalogCell("stockOnHand", 0)).toEqual({ ok: true, value: 0 });
    expect(validateCatalogCell("stockOnHand", -3)).toMatchObject({ ok: false, message: "Stock must not be negative" });
    expect(validateCatalogCell("stockOnHand", 1e9 + 1)).toMatchObject({ ok: false });
  });

  it("validates titles, status and de-duplicates tags", () => {
    expect(validateCatalogCell("title", "  ")).toMatchObject({ ok: false, message: "Title is required" });
    expect(validateCatalogCell("status", "sold")).toMatchObject({ ok: false });
    expect(validateCatalogCell("tags", ["a", "b", "a"])).toEqual({ ok: true, value: ["a", "b"] });
  });

  it("refuses unknown keys in patches", () => {
    expect(variantPatchSchema.safeParse({ price: 100, colour: "red" }).success).toBe(false);
    expect(productPatchSchema.safeParse({ title: "Shirt", status: "active" }).success).toBe(true);
  });
});
