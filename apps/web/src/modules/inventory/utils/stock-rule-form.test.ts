import { describe, expect, it } from "vitest";
import { describeRule, fromRuleForm, stockRuleFormSchema, toRuleForm } from "./stock-rule-form";

describe("stock rule form", () => {
  it("round-trips a rule, empty fields meaning not set", () => {
    const rule = { buffer: 2, max: 40, stopBelow: 5, stopExceptConnectionId: "shop-a" };
    expect(fromRuleForm(toRuleForm(rule))).toEqual(rule);
    expect(fromRuleForm(toRuleForm(null))).toEqual({});
  });

  it("refuses what is not a whole number in range", () => {
    const base = toRuleForm(null);
    expect(stockRuleFormSchema.safeParse({ ...base, percent: "150" }).success).toBe(false);
    expect(stockRuleFormSchema.safeParse({ ...base, buffer: "1.5" }).success).toBe(false);
    expect(stockRuleFormSchema.safeParse({ ...base, buffer: "3" }).success).toBe(true);
  });

  it("describes a rule in one line", () => {
    expect(describeRule({ buffer: 2, max: 40, stopBelow: 5, stopExceptConnectionId: "a" }, () => "Shopee")).toBe(
      "buffer 2, cap 40, stop below 5 except Shopee",
    );
    expect(describeRule(null, () => "")).toBe("No rule: the organization default applies");
    expect(describeRule({}, () => "", "No rule: every shop is offered all available stock")).toBe(
      "No rule: every shop is offered all available stock",
    );
  });
});
