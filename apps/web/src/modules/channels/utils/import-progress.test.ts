import { describe, expect, it } from "vitest";
import { importPercent, importProgressText, type ImportProgressView } from "./import-progress";

const progress = (patch: Partial<ImportProgressView>): ImportProgressView => ({
  status: "running",
  products: 50,
  total: 200,
  listings: 80,
  linked: 12,
  error: null,
  ...patch,
});

describe("import progress", () => {
  it("reports the share of products read", () => {
    expect(importPercent(progress({}))).toBe(25);
    expect(importPercent(progress({ total: null }))).toBe(0);
    expect(importPercent(progress({ status: "succeeded", total: null }))).toBe(100);
  });

  it("describes each state", () => {
    expect(importProgressText(progress({}))).toBe("Importing 50 of 200 products…");
    expect(importProgressText(progress({ status: "succeeded", products: 1, listings: 1, linked: 1 }))).toBe(
      "Imported 1 product, 1 listing (1 matched by SKU)",
    );
    expect(importProgressText(progress({ status: "failed", error: "Wrong sign." }))).toBe("Import failed: Wrong sign.");
  });
});
