import type { ExportColumn } from "@syncstore/api/csv";
import type { SavedColumn } from "./column-layout";
import { compactFilter, toListVariantsQuery, type GridQuery } from "./grid-query";

/** Grid column id → CSV column (the export writes the grid's visible columns, in its order). */
const exportColumnOf: Record<string, ExportColumn> = {
  sku: "sku",
  title: "title",
  options: "options",
  price: "price",
  compareAtPrice: "compareAtPrice",
  cost: "cost",
  barcode: "barcode",
  weightGrams: "weightGrams",
  stockOnHand: "stockOnHand",
  status: "status",
  brand: "brand",
  categoryId: "category",
  tags: "tags",
};

/** The download URL of the current view: its filters, search, sort and visible columns. */
export function catalogExportUrl(query: GridQuery, currency: string, layout: readonly SavedColumn[]): string {
  const { filter, search, sort } = toListVariantsQuery(query, currency);
  const columns = layout.filter((column) => !column.hidden).flatMap((column) => exportColumnOf[column.field] ?? []);
  const view = {
    filter: compactFilter(filter),
    ...(search ? { search } : {}),
    ...(sort.length ? { sort } : {}),
    ...(columns.length ? { columns: [...new Set(columns)] } : {}),
  };
  return `/api/catalog/export?view=${encodeURIComponent(JSON.stringify(view))}`;
}
