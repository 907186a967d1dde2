import { describe, expect, it } from "vitest";
import { allocateStock, type AllocationInput, effectiveRule, stockRuleSchema, type StockRule } from "./allocation";

const buckets = (onHand: number, committed = 0, promotionReserved = 0, unavailable = 0) => ({
  onHand,
  committed,
  promotionReserved,
  unavailable,
});

describe("allocateStock", () => {
  const cases: [string, Partial<AllocationInput>, number, string][] = [
    ["no rule offers available", { buckets: buckets(10, 3) }, 7, "none"],
    ["every bucket counts", { buckets: buckets(20, 4, 3, 2) }, 11, "none"],
    ["buffer", { buckets: buckets(10), organizationRule: { buffer: 2 } }, 8, "organization"],
    ["buffer never below 0", { buckets: buckets(1), organizationRule: { buffer: 2 } }, 0, "organization"],
    ["percentage rounds down", { buckets: buckets(9), connectionRule: { percent: 50 } }, 4, "connection"],
    ["fixed", { buckets: buckets(50), listingRule: { fixed: 5 } }, 5, "listing"],
    ["fixed never above available", { buckets: buckets(3), listingRule: { fixed: 5 } }, 3, "listing"],
    ["cap", { buckets: buckets(50), listingRule: { max: 20 } }, 20, "listing"],
    ["stop below", { buckets: buckets(4), organizationRule: { stopBelow: 5 } }, 0, "organization"],
    ["stop below not reached", { buckets: buckets(5), organizationRule: { stopBelow: 5 } }, 5, "organization"],
    [
      "stop below except the preferred shop",
      { buckets: buckets(4), organizationRule: { stopBelow: 5, stopExceptConnectionId: "c1" } },
      4,
      "organization",
    ],
    [
      "stop below on another shop",
      { buckets: buckets(4), connectionId: "c2", organizationRule: { stopBelow: 5, stopExceptConnectionId: "c1" } },
      0,
      "organization",
    ],
    [
      "listing beats connection beats organization",
      { buckets: buckets(10), listingRule: { max: 3 }, connectionRule: { max: 5 }, organizationRule: { max: 7 } },
      3,
      "listing",
    ],
    [
      "an empty listing rule falls through",
      { buckets: buckets(10), listingRule: {}, connectionRule: { max: 5 } },
      5,
      "connection",
    ],
    [
      "percent then buffer then cap",
      { buckets: buckets(100), listingRule: { percent: 50, buffer: 5, max: 40 } },
      40,
      "listing",
    ],
    ["oversold (available negative) offers 0", { buckets: buckets(0, 0) }, 0, "none"],
  ];
  it.each(cases)("%s", (_name, input, quantity, level) => {
    const result = allocateStock({ connectionId: "c1", buckets: buckets(0), ...input });
    expect(result.quantity).toBe(quantity);
    expect(result.decidedBy).toBe(level);
    expect(result.terms[0]).toContain("available");
  });

  it("adds the platform's promotion-reserved units to what is pushed, not to the allocation", () => {
    const result = allocateStock({ connectionId: "c1", buckets: buckets(10, 2, 3), platformPromotionReserved: 3 });
    expect(result).toMatchObject({ quantity: 5, pushed: 8 });
    expect(result.terms.at(-1)).toContain("push 8");
  });
});

describe("stock rules", () => {
  it("reject unknown keys and out-of-range values", () => {
    expect(stockRuleSchema.safeParse({ percent: 101 }).success).toBe(false);
    expect(stockRuleSchema.safeParse({ buffer: -1 }).success).toBe(false);
    expect(stockRuleSchema.safeParse({ bufer: 1 }).success).toBe(false);
    expect(stockRuleSchema.parse({ buffer: 1, stopBelow: 3 })).toEqual({ buffer: 1, stopBelow: 3 });
  });

  it("take the most specific that is set", () => {
    const none: StockRule = {};
    expect(effectiveRule({ listingRule: none, connectionRule: null, organizationRule: { buffer: 1 } }).level).toBe(
      "organization",
    );
  });
});
