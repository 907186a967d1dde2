import { describe, expect, it } from "vitest";
import { listingStockRuleSummary } from "./listing-display";

describe("listingStockRuleSummary", () => {
  const shopName = (id: string) => (id === "c1" ? "Shopee SG" : "another shop");
  it.each([
    [
      "its own rule",
      { stockRule: { percent: 50, stopBelow: 10, stopExceptConnectionId: "c1" }, level: "none", rule: null },
      { own: true, text: "50%, stop below 10 except Shopee SG" },
    ],
    [
      "the shop's rule when it has none",
      { stockRule: null, level: "connection", rule: { buffer: 1 } },
      { own: false, text: "Inherits shop rule: buffer 1" },
    ],
    [
      "the organization default when neither has one",
      { stockRule: null, level: "organization", rule: { max: 40 } },
      { own: false, text: "Inherits organization default: cap 40" },
    ],
    [
      "that nothing is set anywhere",
      { stockRule: null, level: "none", rule: null },
      { own: false, text: "Inherits shop rule / organization default (none set)" },
    ],
  ] as const)("names %s", (_, { stockRule, level, rule }, expected) => {
    expect(listingStockRuleSummary({ stockRule, inheritedStockRule: { level, rule } }, shopName)).toEqual(expected);
  });
});
