import { describe, expect, it } from "vitest";
import { productFieldLabel, splitPublishErrors } from "./publish-errors";

describe("splitPublishErrors", () => {
  it("keeps form fields at their fields and names the product fields to fix", () => {
    expect(
      splitPublishErrors({
        warehouseId: ["TikTok Shop needs the warehouse that holds the stock"],
        images: ["TikTok Shop needs at least one image"],
        "variants.1.weightGrams": ["TikTok Shop needs a shipping weight for TEE-M"],
      }),
    ).toEqual({
      form: { warehouseId: "TikTok Shop needs the warehouse that holds the stock" },
      product: [
        { path: "images", label: "Images", message: "TikTok Shop needs at least one image" },
        {
          path: "variants.1.weightGrams",
          label: "Variant 2 weight",
          message: "TikTok Shop needs a shipping weight for TEE-M",
        },
      ],
    });
  });

  it("labels unknown paths as they are", () => {
    expect(productFieldLabel("variants")).toBe("Variants");
    expect(productFieldLabel("something")).toBe("something");
  });
});
