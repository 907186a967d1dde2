import { describe, expect, it } from "vitest";
import { priceWarning } from "./price-warnings";

describe("priceWarning", () => {
  it.each([
    { name: "a normal change", price: 1200, cost: 500, previous: 1100, expected: null },
    { name: "free", price: 0, cost: null, previous: 1100, expected: "A price of 0 gives the item away" },
    {
      name: "free beats below cost",
      price: 0,
      cost: 500,
      previous: 1100,
      expected: "A price of 0 gives the item away",
    },
    { name: "below cost", price: 499, cost: 500, previous: 1100, expected: "Below cost (USD 5.00)" },
    { name: "at cost", price: 500, cost: 500, previous: 1100, expected: null },
    { name: "unknown cost", price: 1, cost: null, previous: 1, expected: null },
    { name: "exactly ten times", price: 11000, cost: null, previous: 1100, expected: null },
    {
      name: "more than ten times",
      price: 11001,
      cost: null,
      previous: 1100,
      expected: "More than 10× the previous price (USD 11.00)",
    },
    { name: "a new variant", price: 999999, cost: null, previous: null, expected: null },
    { name: "previously free", price: 999999, cost: null, previous: 0, expected: null },
  ])("$name", ({ price, cost, previous, expected }) => {
    expect(priceWarning({ price, cost, previous, currency: "USD" })).toBe(expected);
  });
});
