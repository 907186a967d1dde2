import { priceWarning } from "@syncstore/domain";
import type { GridApi } from "ag-grid-community";
import type { VariantRow } from "./catalog-types";
import { pendingCell, type PendingState } from "./pending-changes";

export interface GridPriceWarning {
  variantId: string;
  sku: string;
  message: string;
}

/** The soft warning of a row's pending price (free, below cost, a 10× jump), or null. */
export function rowPriceWarning(state: PendingState, row: VariantRow, currency: string): string | null {
  const price = pendingCell(state, row.variantId, "price");
  if (!price || price.error || typeof price.value !== "number") return null;
  const cost = pendingCell(state, row.variantId, "cost");
  const costValue = cost && !cost.error ? cost.value : row.cost;
  return priceWarning({
    price: price.value,
    cost: typeof costValue === "number" ? costValue : null,
    previous: row.price,
    currency,
  });
}

/** Every pending price that warns, in grid order where the row is loaded. */
export function pendingPriceWarnings(
  state: PendingState,
  api: GridApi<VariantRow> | null,
  currency: string,
): GridPriceWarning[] {
  const warnings: GridPriceWarning[] = [];
  for (const cell of state.cells.values()) {
    if (cell.field !== "price") continue;
    const row = api?.getRowNode(cell.variantId)?.data;
    if (!row) continue;
    const message = rowPriceWarning(state, row, currency);
    if (message) warnings.push({ variantId: row.variantId, sku: row.sku, message });
  }
  return warnings;
}
