import { describe, expect, it } from "vitest";
import { applyRounding, convertMinor, describeRounding, shopPrice, toMasterPrice, type RoundingRule } from "./currency";

describe("convertMinor", () => {
  it.each([
    { amount: 2349, from: "USD", to: "MYR", rate: "4.7125", expected: 11070 }, // 23.49 × 4.7125 = 110.696…
    { amount: 2349, from: "USD", to: "IDR", rate: "15800", expected: 371142 }, // two decimals → none
    { amount: 371142, from: "IDR", to: "USD", rate: "0.0000632911", expected: 2349 },
    { amount: 1000, from: "USD", to: "KWD", rate: "0.3071", expected: 3071 }, // two decimals → three
    { amount: 1, from: "USD", to: "MYR", rate: "0.5", expected: 1 }, // half rounds away from zero
    { amount: -2349, from: "USD", to: "MYR", rate: "4.7125", expected: -11070 },
    { amount: 0, from: "USD", to: "MYR", rate: "4.7125", expected: 0 },
  ])("$amount $from at $rate → $expected $to", ({ amount, from, to, rate, expected }) => {
    expect(convertMinor(amount, from, to, rate)).toBe(expected);
  });

  it("refuses a rate that is not a positive decimal", () => {
    expect(() => convertMinor(100, "USD", "MYR", "-1")).toThrow(/not an exchange rate/);
    expect(() => convertMinor(100, "USD", "MYR", "0")).toThrow(/not an exchange rate/);
  });
});

describe("applyRounding", () => {
  it.each<{ price: number; currency: string; rule: RoundingRule; expected: number }>([
    { price: 11070, currency: "MYR", rule: { kind: "none" }, expected: 11070 },
    { price: 11070, currency: "MYR", rule: { kind: "ending", ending: "90" }, expected: 11090 },
    { price: 11095, currency: "MYR", rule: { kind: "ending", ending: "90" }, expected: 11090 },
    { price: 11070, currency: "MYR", rule: { kind: "ending", ending: "99" }, expected: 11099 },
    { price: 371142, currency: "IDR", rule: { kind: "step", units: 100 }, expected: 371100 },
    { price: 371150, currency: "IDR", rule: { kind: "step", units: 100 }, expected: 371200 },
    { price: 40, currency: "IDR", rule: { kind: "step", units: 100 }, expected: 100 },
    { price: 11070, currency: "MYR", rule: { kind: "step", units: 1 }, expected: 11100 },
    { price: 371142, currency: "IDR", rule: { kind: "ending", ending: "90" }, expected: 371142 },
  ])("$price $currency with $rule.kind → $expected", ({ price, currency, rule, expected }) => {
    expect(applyRounding(price, currency, rule)).toBe(expected);
  });
});

describe("shopPrice", () => {
  const base = { masterPrice: 2349, masterCurrency: "USD", rounding: null, rule: null };

  it("converts a USD master price for a MYR shop, rounds it, then applies the listing rule", () => {
    expect(
      shopPrice({ ...base, shopCurrency: "MYR", rate: "4.7125", rounding: { kind: "ending", ending: "90" } }),
    ).toEqual({ ok: true, price: 11090, currency: "MYR" });
    expect(
      shopPrice({
        ...base,
        shopCurrency: "MYR",
        rate: "4.7125",
        rounding: { kind: "ending", ending: "90" },
        rule: { kind: "change_percent", basisPoints: 1000 },
      }),
    ).toEqual({ ok: true, price: 12199, currency: "MYR" });
  });

  it("holds the price when the shop's currency has no rate, naming the currency to set", () => {
    const result = shopPrice({ ...base, shopCurrency: "MYR", rate: null });
    expect(result).toMatchObject({ ok: false, reason: "no_rate", currency: "MYR" });
    expect(result.ok ? "" : result.message).toContain("set a MYR rate in Settings");
  });

  it("uses the master price as it is in the organization's currency or when the shop's is unknown", () => {
    expect(shopPrice({ ...base, shopCurrency: "USD", rate: null })).toEqual({ ok: true, price: 2349, currency: "USD" });
    expect(shopPrice({ ...base, shopCurrency: null, rate: null })).toEqual({ ok: true, price: 2349, currency: "USD" });
  });

  it("refuses a rule that makes the price negative", () => {
    expect(
      shopPrice({ ...base, shopCurrency: "USD", rate: null, rule: { kind: "change_amount", amount: -5000 } }),
    ).toMatchObject({ ok: false, reason: "negative" });
  });
});

describe("describeRounding", () => {
  it("names each rule", () => {
    expect(describeRounding(null, "MYR")).toBe("No rounding");
    expect(describeRounding({ kind: "ending", ending: "90" }, "MYR")).toBe("Ends in .90");
    expect(describeRounding({ kind: "step", units: 100 }, "IDR")).toBe("Nearest 100 IDR");
    expect(describeRounding({ kind: "step", units: 1 }, "THB")).toBe("Whole THB");
  });
});

describe("toMasterPrice", () => {
  it("converts a shop price back to the organization's currency", () => {
    expect(toMasterPrice(11070, "MYR", "USD", "4.7125")).toBe(2349);
    expect(toMasterPrice(371142, "IDR", "USD", "15800")).toBe(2349);
    expect(toMasterPrice(1999, "USD", "USD", null)).toBe(1999);
    expect(toMasterPrice(1999, null, "USD", null)).toBe(1999);
  });

  it("gives nothing without a rate", () => {
    expect(toMasterPrice(11070, "MYR", "USD", null)).toBeNull();
  });
});
