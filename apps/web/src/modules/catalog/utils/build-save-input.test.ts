import { describe, expect, it } from "vitest";
import { buildSaveInput, serverCellErrors } from "./build-save-input";
import { applyEdits, emptyPending } from "./pending-changes";

const versions = { productVersion: 3, variantVersion: 4 };

describe("buildSaveInput", () => {
  it("groups valid cells per variant into product and variant parts, leaving invalid ones out", () => {
    const state = applyEdits(emptyPending(), [
      { variantId: "a", field: "price", raw: "5", result: { ok: true, value: 500 }, original: 100, versions },
      { variantId: "a", field: "title", raw: "New", result: { ok: true, value: "New" }, original: "Old", versions },
      { variantId: "b", field: "stockOnHand", raw: "x", result: { ok: false, message: "bad" }, original: 1, versions },
    ]);
    const plan = buildSaveInput(state);
    expect(plan.changes).toEqual([
      { variantId: "a", productVersion: 3, variantVersion: 4, variant: { price: 500 }, product: { title: "New" } },
    ]);
    expect(plan.submitted).toHaveLength(2);
  });

  it("sends the stock the grid loaded as the expected value of a stock cell (compare-and-set)", () => {
    const loaded = { ...versions, stockOnHand: 10 };
    const state = applyEdits(emptyPending(), [
      {
        variantId: "a",
        field: "stockOnHand",
        raw: "12",
        result: { ok: true, value: 12 },
        original: 10,
        versions: loaded,
      },
      { variantId: "b", field: "price", raw: "5", result: { ok: true, value: 500 }, original: 100, versions: loaded },
    ]);
    expect(buildSaveInput(state).changes).toEqual([
      { variantId: "a", productVersion: 3, variantVersion: 4, expectedStockOnHand: 10, variant: { stockOnHand: 12 } },
      { variantId: "b", productVersion: 3, variantVersion: 4, variant: { price: 500 } },
    ]);
  });

  it("maps server validation paths back to cells", () => {
    const changes = [
      { variantId: "a", productVersion: 1, variantVersion: 1 },
      { variantId: "b", productVersion: 1, variantVersion: 1 },
    ];
    expect(
      serverCellErrors(
        { "changes.1.variant.sku": ["SKU taken"], changes: ["x"], "changes.9.variant.sku": ["y"] },
        changes,
      ),
    ).toEqual([{ key: "b:sku", message: "SKU taken" }]);
  });
});
