import { describe, expect, it } from "vitest";
import { formatListingPriceRule, ListingRuleParseError, listingPrice, parseListingPriceRule } from "./listing";

describe("listingPrice", () => {
  it("uses the master price without a rule", () => {
    expect(listingPrice(1990, null, "USD")).toBe(1990);
  });
  it("applies percent rules with rounding half away from zero and endings", () => {
    expect(listingPrice(1000, { kind: "change_percent", basisPoints: 800 }, "USD")).toBe(1080);
    expect(listingPrice(1999, { kind: "change_percent", basisPoints: 800, ending: "99" }, "USD")).toBe(2199);
    expect(listingPrice(1005, { kind: "change_percent", basisPoints: 50 }, "USD")).toBe(1010);
  });
  it("applies amounts and absolute prices", () => {
    expect(listingPrice(1000, { kind: "change_amount", amount: 200 }, "USD")).toBe(1200);
    expect(listingPrice(1000, { kind: "set", amount: 1590 }, "USD")).toBe(1590);
  });
  it("returns null when the rule would go below zero", () => {
    expect(listingPrice(100, { kind: "change_amount", amount: -200 }, "USD")).toBeNull();
  });
});

describe("parseListingPriceRule", () => {
  it("reads absolute prices, amounts and percentages", () => {
    expect(parseListingPriceRule("19.90", "USD")).toEqual({ kind: "set", amount: 1990, ending: "none" });
    expect(parseListingPriceRule("+2.00", "USD")).toEqual({ kind: "change_amount", amount: 200, ending: "none" });
    expect(parseListingPriceRule("-1.5", "USD")).toEqual({ kind: "change_amount", amount: -150, ending: "none" });
    expect(parseListingPriceRule("+8%", "USD")).toEqual({ kind: "change_percent", basisPoints: 800, ending: "none" });
    expect(parseListingPriceRule("-12.5 %", "USD")).toEqual({
      kind: "change_percent",
      basisPoints: -1250,
      ending: "none",
    });
    expect(parseListingPriceRule("1,234.50", "USD")).toEqual({ kind: "set", amount: 123450, ending: "none" });
  });
  it("reads endings", () => {
    expect(parseListingPriceRule("+8% .99", "USD")).toMatchObject({ ending: "99" });
    expect(parseListingPriceRule("+8% .90", "USD")).toMatchObject({ ending: "90" });
    expect(parseListingPriceRule("+8% whole", "USD")).toMatchObject({ ending: "whole" });
  });
  it("clears on empty text and rejects nonsense with a message", () => {
    expect(parseListingPriceRule("  ", "USD")).toBeNull();
    expect(() => parseListingPriceRule("abc", "USD")).toThrow(ListingRuleParseError);
    expect(() => parseListingPriceRule("1.234", "USD")).toThrow(/at most 2 decimals/);
    expect(() => parseListingPriceRule("+0%", "USD")).toThrow(/percentage/);
    expect(() => parseListingPriceRule("10.5", "VND")).toThrow(/VND/);
  });
  it("round-trips through formatListingPriceRule", () => {
    for (const text of ["19.90", "+2.00", "-1.50", "+8%", "-12.50%", "+8% .99", "+3% whole"]) {
      const rule = parseListingPriceRule(text, "USD");
      expect(parseListingPriceRule(formatListingPriceRule(rule, "USD"), "USD")).toEqual(rule);
    }
    expect(formatListingPriceRule({ kind: "change_percent", basisPoints: 800, ending: "99" }, "USD")).toBe("+8% .99");
  });
});
