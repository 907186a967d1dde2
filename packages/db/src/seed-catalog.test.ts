import { describe, expect, it } from "vitest";
import { generateDemoCatalog } from "./seed-catalog";

describe("demo catalog generator", () => {
  const catalog = generateDemoCatalog(60);

  it("is deterministic for a seed", () => {
    const again = generateDemoCatalog(60);
    expect(again.variants.map((v) => [v.sku, v.price, v.onHand])).toEqual(
      catalog.variants.map((v) => [v.sku, v.price, v.onHand]),
    );
    expect(again.products.map((p) => p.title)).toEqual(catalog.products.map((p) => p.title));
  });

  it("makes 1–6 variants per product with unique SKUs and sane money", () => {
    expect(catalog.products).toHaveLength(60);
    const perProduct = new Map<string, number>();
    for (const variant of catalog.variants)
      perProduct.set(variant.productId, (perProduct.get(variant.productId) ?? 0) + 1);
    expect([...perProduct.values()].every((n) => n >= 1 && n <= 6)).toBe(true);
    expect(new Set(catalog.variants.map((v) => v.sku)).size).toBe(catalog.variants.length);
    for (const variant of catalog.variants) {
      expect(Number.isSafeInteger(variant.price) && variant.price > 0).toBe(true);
      expect(variant.cost).toBeLessThan(variant.price);
      if (variant.compareAtPrice !== null) expect(variant.compareAtPrice).toBeGreaterThan(variant.price);
    }
  });

  it("hangs products on leaf categories of a two-level tree", () => {
    const leaves = new Set(catalog.categories.filter((c) => c.parentId).map((c) => c.id));
    expect(catalog.products.every((p) => leaves.has(p.categoryId))).toBe(true);
    expect(catalog.categories.find((c) => c.path === "Apparel / T-Shirts")).toBeDefined();
  });

  it("scales to large catalogs without repeating titles or SKUs", () => {
    const big = generateDemoCatalog(5000, 7);
    expect(new Set(big.variants.map((v) => v.sku)).size).toBe(big.variants.length);
    expect(new Set(big.products.map((p) => p.title)).size).toBe(big.products.length);
  });
});
