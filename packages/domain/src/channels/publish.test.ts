import { describe, expect, it } from "vitest";
import { listingOverridesFormSchema } from "./overrides";
import { publishOptionsSchema, validatePublish, type PublishCandidate } from "./publish";

const candidate = (overrides: Partial<PublishCandidate> = {}): PublishCandidate => ({
  platform: "shopee",
  region: "SG",
  currency: "SGD",
  title: "Canvas Tote",
  description: "A sturdy tote.",
  images: ["https://example.test/tote.jpg"],
  options: publishOptionsSchema.parse({ categoryId: "100001", logisticsChannelId: "10001" }),
  variants: [
    { sku: "TOTE-R", options: { Colour: "Red" }, weightGrams: 300, price: 1290 },
    { sku: "TOTE-B", options: { Colour: "Blue" }, weightGrams: 300, price: 1390 },
  ],
  ...overrides,
});

const paths = (c: PublishCandidate) => validatePublish(c).map((issue) => issue.path);

describe("validatePublish", () => {
  it("accepts a complete Shopee product", () => {
    expect(validatePublish(candidate())).toEqual([]);
  });

  it("reports every missing platform field at its path", () => {
    expect(
      paths(
        candidate({
          description: " ",
          images: [],
          options: publishOptionsSchema.parse({ categoryId: "shoes" }),
          variants: [{ sku: "X", options: {}, weightGrams: null, price: 0 }],
        }),
      ),
    ).toEqual([
      "categoryId",
      "logisticsChannelId",
      "description",
      "images",
      "variants.0.weightGrams",
      "variants.0.price",
    ]);
  });

  it("needs a TikTok warehouse and options to tell several SKUs apart", () => {
    const c = candidate({
      platform: "tiktok",
      options: publishOptionsSchema.parse({ categoryId: "600001" }),
      variants: [
        { sku: "A", options: {}, weightGrams: 10, price: 100 },
        { sku: "B", options: {}, weightGrams: 10, price: 100 },
      ],
    });
    expect(paths(c)).toEqual(["warehouseId", "variants"]);
  });

  it("refuses duplicate option combinations, too many images and cents in whole-price regions", () => {
    const c = candidate({
      region: "VN",
      currency: "USD",
      images: Array.from({ length: 10 }, (_, i) => `https://example.test/${i}.jpg`),
      variants: [
        { sku: "A", options: { Colour: "Red" }, weightGrams: 10, price: 1000 },
        { sku: "B", options: { Colour: "Red" }, weightGrams: 10, price: 1050 },
      ],
    });
    expect(validatePublish(c)).toEqual([
      { path: "images", message: "Shopee takes at most 9 images; remove 1" },
      { path: "variants.1.options", message: "Variant B has the same options as variant A" },
      { path: "variants.1.price", message: 'Shopee VN takes whole prices; B has cents (use a rule ending "whole")' },
    ]);
  });

  it("reports a price rule that goes negative", () => {
    expect(paths(candidate({ variants: [{ sku: "A", options: {}, weightGrams: 10, price: null }] }))).toEqual([
      "variants.0.price",
    ]);
  });
});

describe("listingOverridesFormSchema", () => {
  const base = {
    titleOverride: "",
    descriptionOverride: null,
    priceRule: "",
    enabled: true,
  };

  it("accepts rules and blanks (blank text clears an override)", () => {
    expect(listingOverridesFormSchema("USD").parse({ ...base, priceRule: "+8% .99" })).toMatchObject({
      titleOverride: null,
      priceRule: "+8% .99",
    });
  });

  it("reports a bad rule at its field and refuses stock terms (the listing's stock rule is edited apart)", () => {
    const stock = listingOverridesFormSchema("USD").safeParse({ ...base, stockBuffer: 2 });
    expect(stock.success).toBe(false);
    const rule = listingOverridesFormSchema("USD").safeParse({ ...base, priceRule: "cheap" });
    expect(rule.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["priceRule", '"cheap" is not a price or rule: use 19.90, +8%, -2.00 or +8% .99'],
    ]);
  });
});
