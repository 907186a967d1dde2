import { describe, expect, it } from "vitest";
import { formatMinor, minorToMajor, parseMinor } from "./money";
import { applyEnding, applyPriceRule, computePrice, PriceRuleError } from "./price-rules";

describe("money", () => {
  it("parses exact amounts into minor units and refuses more precision than the currency has", () => {
    expect(parseMinor("1234.5", "USD")).toBe(123450);
    expect(parseMinor(" 0.07 ", "SGD")).toBe(7);
    expect(parseMinor("1500", "JPY")).toBe(1500);
    expect(parseMinor("15.5", "JPY")).toBeNull();
    expect(parseMinor("1.234", "USD")).toBeNull();
    expect(parseMinor("abc", "USD")).toBeNull();
    expect(parseMinor("-3.10", "USD")).toBe(-310);
  });

  it("formats minor units back", () => {
    expect(formatMinor(123450, "USD")).toBe("1234.50");
    expect(formatMinor(5, "USD")).toBe("0.05");
    expect(formatMinor(-310, "USD")).toBe("-3.10");
    expect(formatMinor(1500, "JPY")).toBe("1500");
  });

  it.each([
    [123450, "USD", 1234.5],
    [-310, "SGD", -3.1],
    [1500, "VND", 1500],
    [250000, "IDR", 250000],
    [1234, "KWD", 1.234],
    [7, "usd", 0.07],
  ])("plots %i minor units of %s as %d major units", (minor, currency, major) => {
    expect(minorToMajor(minor, currency)).toBeCloseTo(major, 10);
  });
});

describe("price rules", () => {
  it("sets, changes by an amount, and by a percentage with exact rounding", () => {
    expect(applyPriceRule(1000, { kind: "set", amount: 1299 })).toBe(1299);
    expect(applyPriceRule(1000, { kind: "change_amount", amount: -250 })).toBe(750);
    expect(applyPriceRule(1999, { kind: "change_percent", basisPoints: 1000 })).toBe(2199); // 19.99 + 10% = 21.989 → 21.99
    expect(applyPriceRule(1005, { kind: "change_percent", basisPoints: 500 })).toBe(1055); // 10.5525 → 10.55
    expect(applyPriceRule(1010, { kind: "change_percent", basisPoints: 500 })).toBe(1061); // 10.605 → 10.61 (half up)
    expect(applyPriceRule(1000, { kind: "change_percent", basisPoints: -1500 })).toBe(850);
  });

  it("rounds to a price ending", () => {
    expect(applyEnding(1240, "99", "USD")).toBe(1299);
    expect(applyEnding(1210, "99", "USD")).toBe(1299);
    expect(applyEnding(1295, "90", "USD")).toBe(1290);
    expect(applyEnding(1240, "90", "USD")).toBe(1290);
    expect(applyEnding(1240, "whole", "USD")).toBe(1200);
    expect(applyEnding(1250, "whole", "USD")).toBe(1300);
    expect(applyEnding(30, "99", "USD")).toBe(99);
    expect(applyEnding(1234, "none", "USD")).toBe(1234);
    expect(applyEnding(1234, "99", "JPY")).toBe(1234);
  });

  it("refuses a rule that makes a price negative", () => {
    expect(() => computePrice(500, { kind: "change_amount", amount: -600 }, "none", "USD")).toThrow(PriceRuleError);
    expect(computePrice(1999, { kind: "change_percent", basisPoints: 1000 }, "99", "USD")).toBe(2199);
  });
});
