import { describe, expect, it } from "vitest";
import { parseCellInput } from "./parse-cell-input";

const context = {
  currency: "USD",
  categories: [
    { id: "11111111-1111-4111-8111-111111111111", name: "Shirts", path: "Apparel / Shirts" },
    { id: "22222222-2222-4222-8222-222222222222", name: "Shoes", path: "Apparel / Shoes" },
  ],
};

describe("parseCellInput", () => {
  it("coerces spreadsheet numbers into minor units", () => {
    expect(parseCellInput("price", "1,234.50", context)).toEqual({ ok: true, value: 123450 });
    expect(parseCellInput("cost", "", context)).toEqual({ ok: true, value: null });
    expect(parseCellInput("price", "", context)).toMatchObject({ ok: false });
    expect(parseCellInput("price", "abc", context)).toMatchObject({
      ok: false,
      message: expect.stringContaining("abc"),
    });
  });

  it("applies the server's field rules", () => {
    expect(parseCellInput("stockOnHand", "-2", context)).toMatchObject({ ok: false });
    expect(parseCellInput("stockOnHand", " 12 ", context)).toEqual({ ok: true, value: 12 });
    expect(parseCellInput("sku", "has space", context)).toMatchObject({ ok: false });
    expect(parseCellInput("title", "  ", context)).toMatchObject({ ok: false });
    expect(parseCellInput("brand", " ", context)).toEqual({ ok: true, value: null });
  });

  it("reads statuses, categories and tags", () => {
    expect(parseCellInput("status", "Active", context)).toEqual({ ok: true, value: "active" });
    expect(parseCellInput("categoryId", "apparel / shoes", context)).toEqual({
      ok: true,
      value: context.categories[1]?.id,
    });
    expect(parseCellInput("categoryId", "Shirts", context)).toEqual({ ok: true, value: context.categories[0]?.id });
    expect(parseCellInput("categoryId", "Hats", context)).toMatchObject({ ok: false });
    expect(parseCellInput("tags", "sale, new,sale, ", context)).toEqual({ ok: true, value: ["sale", "new"] });
  });
});
