import { describe, expect, it } from "vitest";
import { coerceCell, parseClipboard, planFillDown, planPaste, type PasteColumn } from "./paste";

describe("parseClipboard", () => {
  it("reads Excel's tab-separated block, with its trailing newline and CRLF", () => {
    expect(parseClipboard("a\tb\r\nc\td\r\n")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("keeps quoted cells with tabs, newlines and doubled quotes together", () => {
    expect(parseClipboard('"Line 1\nLine 2"\t"Say ""hi"""\nx\t"a\tb"')).toEqual([
      ["Line 1\nLine 2", 'Say "hi"'],
      ["x", "a\tb"],
    ]);
  });

  it("treats an empty clipboard as no block", () => {
    expect(parseClipboard("")).toEqual([]);
  });
});

describe("coerceCell", () => {
  it("coerces money with thousands separators, symbols and accounting negatives", () => {
    expect(coerceCell("1,234.50", { type: "money", currency: "USD" })).toEqual({ ok: true, value: 123450 });
    expect(coerceCell(" $12 ", { type: "money", currency: "USD" })).toEqual({ ok: true, value: 1200 });
    expect(coerceCell("(5.00)", { type: "money", currency: "USD", min: -1000 })).toEqual({ ok: true, value: -500 });
    expect(coerceCell("12.345", { type: "money", currency: "USD" })).toEqual({
      ok: false,
      message: '"12.345" is not an amount in USD',
    });
    expect(coerceCell("-1", { type: "money", currency: "USD" })).toEqual({
      ok: false,
      message: "Must not be negative",
    });
    expect(coerceCell("", { type: "money", currency: "USD" })).toEqual({ ok: true, value: null });
  });

  it("coerces percentages to basis points", () => {
    expect(coerceCell("12%", { type: "percent" })).toEqual({ ok: true, value: 1200 });
    expect(coerceCell("7.5", { type: "percent" })).toEqual({ ok: true, value: 750 });
    expect(coerceCell("abc%", { type: "percent" }).ok).toBe(false);
  });

  it("trims text, checks integers and enums case-insensitively", () => {
    expect(coerceCell("  Blue shirt ", { type: "text" })).toEqual({ ok: true, value: "Blue shirt" });
    expect(coerceCell("", { type: "text", required: true })).toEqual({ ok: false, message: "Required" });
    expect(coerceCell("1,200", { type: "integer", min: 0 })).toEqual({ ok: true, value: 1200 });
    expect(coerceCell("3.5", { type: "integer" })).toEqual({ ok: false, message: '"3.5" is not a whole number' });
    expect(coerceCell("-2", { type: "integer", min: 0 })).toEqual({ ok: false, message: "Must be at least 0" });
    expect(coerceCell("ACTIVE", { type: "enum", values: ["draft", "active", "archived"] })).toEqual({
      ok: true,
      value: "active",
    });
    expect(coerceCell("gone", { type: "enum", values: ["draft", "active"] })).toEqual({
      ok: false,
      message: "Must be one of draft, active",
    });
  });
});

const columns: PasteColumn[] = [
  { field: "sku", editable: false, kind: { type: "text" } },
  { field: "title", editable: true, kind: { type: "text", required: true } },
  { field: "price", editable: true, kind: { type: "money", currency: "USD" } },
  { field: "stock", editable: true, kind: { type: "integer", min: 0 } },
];

describe("planPaste", () => {
  it("lays a block from the focused cell across rows and columns, with a result per cell", () => {
    const plan = planPaste(parseClipboard("Shirt\t1,234.50\t3\nHat\tx\t-1\n"), { row: 1, column: 1 }, columns, 10);
    expect(plan.skipped).toBe(0);
    expect(plan.edits.map((e) => [e.rowIndex, e.field, e.result.ok])).toEqual([
      [1, "title", true],
      [1, "price", true],
      [1, "stock", true],
      [2, "title", true],
      [2, "price", false],
      [2, "stock", false],
    ]);
  });

  it("skips cells that fall past the last row or column, or on read-only columns", () => {
    const plan = planPaste([["a", "1", "2", "extra"]], { row: 4, column: 0 }, columns, 5);
    expect(plan.edits.map((e) => e.field)).toEqual(["title", "price", "stock"]);
    expect(plan.skipped).toBe(1); // sku is read-only
    expect(planPaste([["a", "b", "1", "2", "extra"]], { row: 0, column: 0 }, columns, 5).skipped).toBe(2); // and one past the last column
    expect(planPaste([["a"], ["b"]], { row: 4, column: 1 }, columns, 5).skipped).toBe(1);
  });
});

describe("planFillDown", () => {
  it("copies one value down the selected rows through the same coercion", () => {
    const edits = planFillDown("9.99", [3, 4, 7], columns[2]!);
    expect(edits.map((e) => [e.rowIndex, e.result])).toEqual([
      [3, { ok: true, value: 999 }],
      [4, { ok: true, value: 999 }],
      [7, { ok: true, value: 999 }],
    ]);
    expect(planFillDown("x", [1], columns[0]!)).toEqual([]);
  });
});
