"use client";

import type { ColDef, EditableCallbackParams, ValueGetterParams, ValueSetterParams } from "ag-grid-community";
import { useEffect, useMemo, useRef } from "react";
import { SyncStatusCell } from "@/modules/sync/components/sync-status-cell";
import { OpenProductCell } from "../components/open-product-cell";
import { fieldSpecs, rowValue, type CellValue, type EditableField } from "../utils/catalog-fields";
import type { CategoryOption, SortField, VariantRow } from "../utils/catalog-types";
import { productStatuses } from "../utils/catalog-types";
import { categoryPathMap, toDisplayText, toEditText, type TextContext } from "../utils/cell-text";
import { isGroupStart } from "../utils/group-start";
import { pendingCell } from "../utils/pending-changes";
import type { PendingStore } from "../utils/pending-store";
import { rowPriceWarning } from "../utils/price-warnings";

/** Column id → the `listVariants` sort field; columns not listed are not sortable. */
export const sortFieldOf: Partial<Record<string, SortField>> = {
  title: "title",
  sku: "sku",
  price: "price",
  compareAtPrice: "compareAtPrice",
  cost: "cost",
  stockOnHand: "stockOnHand",
  status: "status",
  brand: "brand",
  categoryId: "category",
  updatedAt: "updatedAt",
};

// The default columns (title to stock) fit a 1440 px window beside the sidebar without scrolling.
const widths: Record<EditableField, number> = {
  title: 200,
  status: 110,
  brand: 140,
  categoryId: 190,
  tags: 170,
  sku: 130,
  price: 120,
  compareAtPrice: 120,
  cost: 110,
  barcode: 150,
  weightGrams: 110,
  stockOnHand: 100,
};

const columnOrder: EditableField[] = [
  "title",
  "sku",
  "status",
  "price",
  "compareAtPrice",
  "cost",
  "stockOnHand",
  "brand",
  "categoryId",
  "tags",
  "barcode",
  "weightGrams",
];
const hiddenByDefault = new Set<string>(["cost", "barcode", "weightGrams"]);

type Options = {
  store: PendingStore;
  currency: string;
  categories: readonly CategoryOption[];
  canEdit: boolean;
  onCellInput: (row: VariantRow, field: EditableField, raw: string) => void;
};

/** Column definitions of the Products grid: cells read through the pending store, edits go into it. */
export function useCatalogColumns({
  store,
  currency,
  categories,
  canEdit,
  onCellInput,
}: Options): ColDef<VariantRow>[] {
  // The latest handler without new column definitions each time it changes.
  const onCellInputRef = useRef(onCellInput);
  useEffect(() => {
    onCellInputRef.current = onCellInput;
  });
  return useMemo(() => {
    const context: TextContext = { currency, categoryPaths: categoryPathMap(categories) };
    const effective = (row: VariantRow, field: EditableField): CellValue => {
      const cell = pendingCell(store.get(), row.variantId, field);
      if (!cell) return rowValue(row, field);
      return cell.error ? cell.raw : cell.value;
    };
    const hiddenContinuation = (
      field: EditableField,
      params: { node: ValueGetterParams<VariantRow>["node"]; api: ValueGetterParams<VariantRow>["api"] },
    ) => fieldSpecs[field].level === "product" && !isGroupStart(params.node, params.api);

    const editableColumn = (field: EditableField): ColDef<VariantRow> => {
      const spec = fieldSpecs[field];
      const numeric = spec.type === "money" || spec.type === "integer";
      const select = spec.type === "status" || spec.type === "category";
      return {
        colId: field,
        headerName: spec.label,
        // Initial only: the user's layout (column state) survives new column definitions.
        initialWidth: widths[field],
        initialHide: hiddenByDefault.has(field),
        initialPinned: field === "title" ? "left" : undefined,
        sortable: field in sortFieldOf,
        type: numeric ? "rightAligned" : undefined,
        valueGetter: (params) => (params.data ? effective(params.data, field) : undefined),
        valueFormatter: (params) => {
          if (!params.data || hiddenContinuation(field, params)) return "";
          const cell = pendingCell(store.get(), params.data.variantId, field);
          if (cell?.error) return cell.raw;
          return toDisplayText(field, params.value as CellValue, context);
        },
        editable: (params: EditableCallbackParams<VariantRow>) =>
          canEdit && Boolean(params.data) && !hiddenContinuation(field, params),
        valueSetter: (params: ValueSetterParams<VariantRow>) => {
          if (!params.data) return false;
          const raw = params.newValue === null || params.newValue === undefined ? "" : String(params.newValue);
          onCellInputRef.current(params.data, field, raw);
          return true;
        },
        cellEditor: select ? "agSelectCellEditor" : "agTextCellEditor",
        cellEditorParams: select
          ? {
              values:
                spec.type === "status" ? [...productStatuses] : ["", ...categories.map((category) => category.id)],
              valueListMaxHeight: 280,
            }
          : (params: { value: unknown }) => ({ value: toEditText(field, params.value as CellValue, context) }),
        tooltip: (params) => {
          if (!params.data) return undefined;
          const error = pendingCell(store.get(), params.data.variantId, field)?.error;
          if (error) return error;
          return field === "price" ? (rowPriceWarning(store.get(), params.data, currency) ?? undefined) : undefined;
        },
        cellClassRules: {
          "ss-cell-dirty": (params) => Boolean(params.data && pendingCell(store.get(), params.data.variantId, field)),
          "ss-cell-invalid": (params) =>
            Boolean(params.data && pendingCell(store.get(), params.data.variantId, field)?.error),
          "ss-cell-warning": (params) =>
            field === "price" && Boolean(params.data && rowPriceWarning(store.get(), params.data, currency)),
          "ss-cell-readonly": () => !canEdit,
        },
      };
    };

    const optionsColumn: ColDef<VariantRow> = {
      colId: "options",
      headerName: "Variant",
      initialWidth: 130,
      sortable: false,
      valueGetter: (params) => (params.data ? Object.values(params.data.options).join(" / ") || "Default" : undefined),
      cellClass: "ss-cell-muted",
    };
    const updatedColumn: ColDef<VariantRow> = {
      colId: "updatedAt",
      headerName: "Updated",
      initialWidth: 150,
      sortable: true,
      valueGetter: (params) => params.data?.updatedAt,
      valueFormatter: (params) =>
        params.value instanceof Date
          ? params.value.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
          : "",
      cellClass: "ss-cell-muted",
    };
    const openColumn: ColDef<VariantRow> = {
      colId: "open",
      headerName: "Open",
      headerTooltip: "Open in the product editor",
      initialWidth: 44,
      initialPinned: "left",
      resizable: false,
      sortable: false,
      suppressMovable: true,
      cellRenderer: OpenProductCell,
      cellClass: "ss-cell-muted",
    };
    const syncColumn: ColDef<VariantRow> = {
      colId: "syncStatus",
      headerName: "Sync",
      headerTooltip: "The worst sync state of this variant's listings on your shops",
      initialWidth: 100,
      sortable: false,
      valueGetter: (params) => params.data?.syncStatus,
      cellRenderer: SyncStatusCell,
    };
    const [first, ...rest] = columnOrder.map(editableColumn);
    return [openColumn, ...(first ? [first] : []), optionsColumn, syncColumn, ...rest, updatedColumn];
  }, [store, currency, categories, canEdit]);
}
