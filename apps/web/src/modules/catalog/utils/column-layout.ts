import type { ColumnState, GridApi } from "ag-grid-community";
import type { SortItem, VariantRow } from "./catalog-types";

export type SavedColumn = { field: string; width?: number; hidden?: boolean; pinned?: "left" | "right" | null };

/** The grid's column order, widths, visibility and pinning as `catalog.gridState` stores them. */
export function readColumnLayout(api: GridApi<VariantRow>): SavedColumn[] {
  return api
    .getColumnState()
    .filter((column) => !column.colId.startsWith("ag-Grid-"))
    .map((column) => ({
      field: column.colId,
      width: column.width ? Math.round(column.width) : undefined,
      hidden: column.hide ?? false,
      pinned: column.pinned === "left" || column.pinned === "right" ? column.pinned : null,
    }));
}

export function applyColumnLayout(api: GridApi<VariantRow>, columns: readonly SavedColumn[]): void {
  if (columns.length === 0) return;
  const state: ColumnState[] = columns.map((column) => ({
    colId: column.field,
    width: column.width,
    hide: column.hidden ?? false,
    pinned: column.pinned ?? null,
  }));
  api.applyColumnState({ state, applyOrder: true });
}

export function applySort(
  api: GridApi<VariantRow>,
  sort: readonly SortItem[],
  colIdOf: (field: SortItem["field"]) => string,
): void {
  api.applyColumnState({
    state: sort.map((item, index) => ({ colId: colIdOf(item.field), sort: item.direction, sortIndex: index })),
    defaultState: { sort: null },
  });
}

/** The grid's current sort as `listVariants` takes it (columns the server cannot sort are left out). */
export function readSort(
  api: GridApi<VariantRow>,
  fieldOf: (colId: string) => SortItem["field"] | undefined,
): SortItem[] {
  return api
    .getColumnState()
    .filter((column) => column.sort)
    .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
    .flatMap((column) => {
      const field = fieldOf(column.colId);
      return field && column.sort ? [{ field, direction: column.sort }] : [];
    });
}
