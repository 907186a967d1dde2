import { fieldSpecs, type CellValue, type ProductField, type VariantField } from "./catalog-fields";
import { cellKey, type PendingCell, type PendingState } from "./pending-changes";

export type SaveChange = {
  variantId: string;
  productVersion: number;
  variantVersion: number;
  /** The stock on hand the grid loaded, sent with a stock cell (compare-and-set). */
  expectedStockOnHand?: number;
  product?: Partial<Record<ProductField, CellValue>>;
  variant?: Partial<Record<VariantField, CellValue>>;
};

export type SavePlan = {
  changes: SaveChange[];
  /** The cells sent, to clear them once the save succeeds. */
  submitted: PendingCell[];
};

/** Every valid pending cell grouped by row into one `catalog.saveChanges` change per variant. */
export function buildSaveInput(state: PendingState): SavePlan {
  const byRow = new Map<string, SaveChange>();
  const submitted: PendingCell[] = [];
  for (const cell of state.cells.values()) {
    if (cell.error !== null) continue;
    const versions = state.versions.get(cell.variantId);
    if (!versions) continue;
    let change = byRow.get(cell.variantId);
    if (!change) {
      const { stockOnHand: _loaded, ...rowVersions } = versions;
      change = { variantId: cell.variantId, ...rowVersions };
      byRow.set(cell.variantId, change);
    }
    if (cell.field === "stockOnHand" && versions.stockOnHand !== undefined)
      change.expectedStockOnHand = versions.stockOnHand;
    if (fieldSpecs[cell.field].level === "product") change.product = { ...change.product, [cell.field]: cell.value };
    else change.variant = { ...change.variant, [cell.field]: cell.value };
    submitted.push(cell);
  }
  return { changes: [...byRow.values()], submitted };
}

/**
 * The server's validation errors (`fieldErrors` keyed `changes.3.variant.price`) as cell errors
 * for the pending store.
 */
export function serverCellErrors(
  fieldErrors: Record<string, string[]>,
  changes: readonly SaveChange[],
): { key: string; message: string }[] {
  const errors: { key: string; message: string }[] = [];
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const match = /^changes\.(\d+)\.(?:product|variant)\.(\w+)$/.exec(path);
    const change = match ? changes[Number(match[1])] : undefined;
    if (!match || !change) continue;
    errors.push({ key: cellKey(change.variantId, match[2] ?? ""), message: messages[0] ?? "Invalid value" });
  }
  return errors;
}
