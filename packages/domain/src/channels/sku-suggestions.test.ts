import { describe, expect, it } from "vitest";
import { skuKey, suggestSkuMatches, type SuggestionVariant } from "./sku-suggestions";

describe("skuKey", () => {
  it.each([
    ["MUG-CLS-01", "mugcls01"],
    [" mug cls 01 ", "mugcls01"],
    ["mug_cls.01", "mugcls01"],
    ["A/B", "ab"],
    ["", null],
    [" - ", null],
    [null, null],
    [undefined, null],
  ])("%j → %j", (sku, key) => {
    expect(skuKey(sku)).toBe(key);
  });
});

describe("suggestSkuMatches", () => {
  const variants: SuggestionVariant[] = [
    { id: "v-mug", sku: "MUG-CLS-01", linkedHere: null },
    { id: "v-tee", sku: "TEE_S", linkedHere: null },
    { id: "v-a1", sku: "AB-1", linkedHere: null },
    { id: "v-a2", sku: "AB_1", linkedHere: null },
    { id: "v-taken", sku: "LAMP-9", linkedHere: "LAMP 9 OLD" },
  ];

  it.each([
    { name: "separator and case differences", sku: "mug cls 01", want: { ok: true, variantId: "v-mug" } },
    { name: "exact", sku: "TEE_S", want: { ok: true, variantId: "v-tee" } },
    { name: "no SKU", sku: null, want: { ok: false, reason: "The listing has no SKU on the shop" } },
    { name: "blank SKU", sku: "  ", want: { ok: false, reason: "The listing has no SKU on the shop" } },
    { name: "no match", sku: "ZZZ-1", want: { ok: false, reason: "No master variant has a SKU like ZZZ-1" } },
    {
      name: "ambiguous",
      sku: "ab1",
      want: { ok: false, reason: "2 master variants match (AB-1, AB_1): link it by hand" },
    },
    {
      name: "variant already linked on this shop",
      sku: "lamp9",
      want: { ok: false, reason: "LAMP-9 is already linked to listing LAMP 9 OLD on this shop" },
    },
  ])("$name", ({ sku, want }) => {
    const [result] = suggestSkuMatches([{ id: "l1", sku }], variants);
    expect(result).toMatchObject({ listingId: "l1", ...want });
  });

  it("gives a variant to the first listing that claims it, in order", () => {
    const results = suggestSkuMatches(
      [
        { id: "l1", sku: "MUG-CLS-01" },
        { id: "l2", sku: "mug.cls.01" },
        { id: "l3", sku: "tee s" },
      ],
      variants,
    );
    expect(results).toEqual([
      { listingId: "l1", ok: true, variantId: "v-mug", sku: "MUG-CLS-01" },
      { listingId: "l2", ok: false, reason: "MUG-CLS-01 is suggested for another selected listing (MUG-CLS-01)" },
      { listingId: "l3", ok: true, variantId: "v-tee", sku: "TEE_S" },
    ]);
  });
});
