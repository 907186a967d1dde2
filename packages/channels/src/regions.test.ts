import { describe, expect, it } from "vitest";
import { shopCurrency } from "./regions";

describe("shopCurrency", () => {
  it("reads the currency from the shop's region per platform", () => {
    expect(shopCurrency("shopee", "MY")).toBe("MYR");
    expect(shopCurrency("shopee", "id")).toBe("IDR");
    expect(shopCurrency("tiktok", "US")).toBe("USD");
    expect(shopCurrency("tiktok", "GB")).toBe("GBP");
  });

  it("knows nothing of regions the platform does not sell in", () => {
    expect(shopCurrency("shopee", "US")).toBeNull();
    expect(shopCurrency("tiktok", null)).toBeNull();
  });
});
