import { describe, expect, it } from "vitest";
import {
  applyEdits,
  cellKey,
  discardCells,
  emptyPending,
  invalidCells,
  markSaved,
  pendingCell,
  pendingCount,
  rebaseRow,
  redo,
  rowHasPending,
  setCellErrors,
  undo,
  type EditInput,
} from "./pending-changes";

const v1 = { productVersion: 1, variantVersion: 1 };

function priceEdit(variantId: string, raw: string, value: number | null, original = 1000): EditInput {
  return {
    variantId,
    field: "price",
    raw,
    result: value === null ? { ok: false, message: "Not an amount" } : { ok: true, value },
    original,
    versions: v1,
  };
}

describe("pending changes", () => {
  it("records edits and counts them", () => {
    const state = applyEdits(emptyPending(), [priceEdit("a", "12.50", 1250), priceEdit("b", "3", 300)]);
    expect(pendingCount(state)).toBe(2);
    expect(pendingCell(state, "a", "price")).toMatchObject({ value: 1250, error: null });
    expect(rowHasPending(state, "a")).toBe(true);
    expect(rowHasPending(state, "c")).toBe(false);
  });

  it("treats an edit back to the stored value as no edit", () => {
    let state = applyEdits(emptyPending(), [priceEdit("a", "12.50", 1250)]);
    state = applyEdits(state, [priceEdit("a", "10", 1000)]);
    expect(pendingCount(state)).toBe(0);
    expect(state.undo).toHaveLength(2);
  });

  it("ignores a no-op batch without adding a history step", () => {
    const state = applyEdits(emptyPending(), [priceEdit("a", "10.00", 1000)]);
    expect(state.undo).toHaveLength(0);
  });

  it("keeps invalid cells with their message", () => {
    const state = applyEdits(emptyPending(), [priceEdit("a", "abc", null), priceEdit("b", "5", 500)]);
    expect(invalidCells(state)).toEqual([
      { variantId: "a", field: "price", raw: "abc", value: null, error: "Not an amount" },
    ]);
  });

  it("undoes and redoes a whole batch", () => {
    let state = applyEdits(emptyPending(), [priceEdit("a", "1", 100)]);
    state = applyEdits(state, [priceEdit("a", "2", 200), priceEdit("b", "3", 300)]);
    state = undo(state);
    expect(pendingCell(state, "a", "price")?.value).toBe(100);
    expect(pendingCell(state, "b", "price")).toBeUndefined();
    state = undo(state);
    expect(pendingCount(state)).toBe(0);
    expect(undo(state)).toBe(state);
    state = redo(redo(state));
    expect(pendingCell(state, "a", "price")?.value).toBe(200);
    expect(pendingCell(state, "b", "price")?.value).toBe(300);
    expect(redo(state)).toBe(state);
  });

  it("drops the redo stack on a new edit", () => {
    let state = applyEdits(emptyPending(), [priceEdit("a", "1", 100)]);
    state = undo(state);
    state = applyEdits(state, [priceEdit("b", "2", 200)]);
    expect(state.redo).toHaveLength(0);
  });

  it("keeps the versions a row had when its edits began", () => {
    let state = applyEdits(emptyPending(), [priceEdit("a", "1", 100)]);
    state = applyEdits(state, [{ ...priceEdit("a", "2", 200), versions: { productVersion: 5, variantVersion: 5 } }]);
    expect(state.versions.get("a")).toEqual(v1);
    state = rebaseRow(state, "a", { productVersion: 7, variantVersion: 8 });
    expect(state.versions.get("a")).toEqual({ productVersion: 7, variantVersion: 8 });
  });

  it("takes fresh versions when a row is edited again after all its edits were undone", () => {
    let state = undo(applyEdits(emptyPending(), [priceEdit("a", "1", 100)]));
    state = applyEdits(state, [{ ...priceEdit("a", "2", 200), versions: { productVersion: 2, variantVersion: 3 } }]);
    expect(state.versions.get("a")).toEqual({ productVersion: 2, variantVersion: 3 });
  });

  it("clears only the submitted cells that were not edited again", () => {
    let state = applyEdits(emptyPending(), [priceEdit("a", "1", 100), priceEdit("b", "2", 200)]);
    const submitted = [...state.cells.values()];
    state = applyEdits(state, [priceEdit("b", "9", 900)]);
    state = markSaved(state, submitted);
    expect(pendingCount(state)).toBe(1);
    expect(pendingCell(state, "b", "price")?.value).toBe(900);
    expect(state.versions.has("a")).toBe(false);
    expect(state.undo).toHaveLength(0);
  });

  it("discards cells when the user keeps the other version", () => {
    let state = applyEdits(emptyPending(), [priceEdit("a", "1", 100), priceEdit("b", "2", 200)]);
    state = discardCells(state, [cellKey("a", "price")]);
    expect(pendingCount(state)).toBe(1);
    expect(rowHasPending(state, "a")).toBe(false);
  });

  it("marks cells with errors the server found", () => {
    let state = applyEdits(emptyPending(), [priceEdit("a", "1", 100)]);
    state = setCellErrors(state, [
      { key: cellKey("a", "price"), message: "Too cheap" },
      { key: "zzz:price", message: "x" },
    ]);
    expect(invalidCells(state).map((cell) => cell.error)).toEqual(["Too cheap"]);
  });
});
