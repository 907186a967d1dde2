import type { GridApi, IRowNode } from "ag-grid-community";
import type { VariantRow } from "./catalog-types";

/**
 * Whether a row begins a product's run of variants in the current order: product columns show
 * (and edit) only there. An unloaded previous row counts as a different product.
 */
export function isGroupStart(node: IRowNode<VariantRow> | null | undefined, api: GridApi<VariantRow>): boolean {
  if (!node?.data || node.rowIndex === null) return true;
  if (node.rowIndex === 0) return true;
  const previous = api.getDisplayedRowAtIndex(node.rowIndex - 1);
  return previous?.data?.productId !== node.data.productId;
}
