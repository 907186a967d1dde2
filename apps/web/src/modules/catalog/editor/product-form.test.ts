import { describe, expect, it } from "vitest";
import { emptyProduct, emptyVariant, formPathOf, productFormSchema, toProductInput } from "./product-form";

const values = () => ({
  ...emptyProduct(),
  title: "Tee",
  optionNames: [{ name: "Size" }],
  variants: [
    { ...emptyVariant(1), sku: "T-S", optionValues: ["S"], price: "19.99", stockOnHand: "4" },
    { ...emptyVariant(1), sku: "T-M", optionValues: [""], price: "21.5", cost: "", weightGrams: "250" },
  ],
});

describe("product editor form", () => {
  it("converts major units and options for the API", () => {
    const input = toProductInput(values(), "USD");
    expect(input.variants).toEqual([
      expect.objectContaining({ sku: "T-S", options: { Size: "S" }, price: 1999, stockOnHand: 4, cost: null }),
      expect.objectContaining({ sku: "T-M", options: {}, price: 2150, weightGrams: 250, barcode: null }),
    ]);
    expect(input.brand).toBeNull();
    expect(input.categoryId).toBeNull();
  });

  it("reports field errors with the shared rules", () => {
    const bad = values();
    bad.variants[0]!.price = "12,5x";
    bad.variants[1]!.sku = "t-s";
    bad.variants[1]!.stockOnHand = "-1";
    const result = productFormSchema("USD").safeParse(bad);
    expect(result.success).toBe(false);
    const issues = Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(issues).toEqual({
      "variants.0.price": "Price must be an amount like 12.50",
      "variants.1.sku": "SKU is also used by variant 1",
      "variants.1.stockOnHand": "Stock must not be negative",
    });
    expect(
      productFormSchema("JPY").safeParse({ ...values(), variants: [{ ...values().variants[0]!, price: "1.5" }] })
        .success,
    ).toBe(false);
  });

  it("maps server paths to form fields", () => {
    expect(formPathOf("variants.1.sku")).toBe("variants.1.sku");
    expect(formPathOf("images.0")).toBe("images.0.url");
    expect(formPathOf("variants.0.options.Size")).toBe("variants.0.sku");
    expect(formPathOf("removedVariantIds")).toBeNull();
  });
});
