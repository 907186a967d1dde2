import { describe, expect, it } from "vitest";
import { emptyBulkActionForm, toBulkAction } from "./bulk-action-form";

const form = (patch: Partial<typeof emptyBulkActionForm>) => ({ ...emptyBulkActionForm, ...patch });

describe("toBulkAction", () => {
  it("turns major-unit text into minor units", () => {
    expect(toBulkAction(form({ kind: "set_price", amount: "12.5", ending: "99" }), "USD")).toEqual({
      ok: true,
      action: { kind: "set_price", amount: 1250, ending: "99" },
    });
    expect(toBulkAction(form({ kind: "change_price_amount", amount: "-1" }), "USD")).toMatchObject({
      action: { amount: -100 },
    });
    expect(toBulkAction(form({ kind: "set_compare_at", amount: "" }), "USD")).toMatchObject({
      action: { kind: "set_compare_at", amount: null },
    });
  });

  it("reads percents and quantities and reports bad input", () => {
    expect(toBulkAction(form({ percent: "10%" }), "USD")).toMatchObject({ action: { percent: 10 } });
    expect(toBulkAction(form({ percent: "" }), "USD")).toEqual({
      ok: false,
      error: "Enter a percent such as 10 or -5",
    });
    expect(toBulkAction(form({ kind: "set_price", amount: "abc" }), "USD")).toMatchObject({ ok: false });
    expect(toBulkAction(form({ kind: "set_stock", quantity: "-1" }), "USD")).toMatchObject({
      ok: false,
      error: "Stock must not be negative",
    });
    expect(toBulkAction(form({ kind: "round_price" }), "USD")).toMatchObject({ ok: false });
    expect(toBulkAction(form({ kind: "add_tag", tag: " sale " }), "USD")).toMatchObject({
      action: { kind: "add_tag", tag: "sale" },
    });
  });
});
