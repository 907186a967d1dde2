import type { GridApi } from "ag-grid-community";
import type { VariantRow } from "./catalog-types";

/**
 * Puts rows the server returned into the loaded grid in place (no block reload). Loaded siblings
 * of the same product take the product's new columns and version, so their next save is not a
 * false conflict.
 */
export function applyServerRows(
  api: GridApi<VariantRow> | null,
  rows: readonly VariantRow[],
  skip?: (variantId: string) => boolean,
): string[] {
  if (!api || api.isDestroyed() || rows.length === 0) return [];
  const byId = new Map(rows.map((row) => [row.variantId, row]));
  const byProduct = new Map(rows.map((row) => [row.productId, row]));
  const updated: string[] = [];
  api.forEachNode((node) => {
    const data = node.data;
    if (!data || skip?.(data.variantId)) return;
    const fresh = byId.get(data.variantId);
    const product = byProduct.get(data.productId);
    if (fresh) node.setData(fresh);
    else if (product && product.productVersion > data.productVersion) {
      node.setData({
        ...data,
        productTitle: product.productTitle,
        status: product.status,
        brand: product.brand,
        categoryId: product.categoryId,
        categoryPath: product.categoryPath,
        tags: product.tags,
        productVersion: product.productVersion,
      });
    } else return;
    updated.push(data.variantId);
  });
  return updated;
}
