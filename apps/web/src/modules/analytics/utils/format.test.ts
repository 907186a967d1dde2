import { describe, expect, it } from "vitest";
import { chartMoney, shortLabel } from "./format";

describe("chartMoney", () => {
  it.each([
    ["USD", 123450, 1234.5, "$1,234.50"],
    ["SGD", -310, -3.1, "-SGD 3.10"],
    ["VND", 150000, 150000, "₫150,000"],
    ["IDR", 2500000, 2500000, "IDR 2,500,000"],
  ])("plots %s %i minor units as %d and shows them as %s", (currency, minor, plotted, shown) => {
    const money = chartMoney(currency);
    expect(money.plot(minor)).toBeCloseTo(plotted, 10);
    expect(money.tooltip(money.plot(minor)).replace(/\u00a0/g, " ")).toBe(shown);
  });

  it("passes non-numeric tooltip values through", () => {
    expect(chartMoney("USD").tooltip("n/a")).toBe("n/a");
  });
});

describe("shortLabel", () => {
  it.each([
    ["E2E-001-A", 16, "E2E-001-A"],
    ["ABCDEFGHIJKLMNOP", 16, "ABCDEFGHIJKLMNOP"],
    ["ABCDEFGHIJKLMNOPQ", 16, "ABCDEFGHIJKLMNO…"],
  ])("cuts %s to %i characters as %s", (name, max, shown) => {
    expect(shortLabel(name, max)).toBe(shown);
  });
});
