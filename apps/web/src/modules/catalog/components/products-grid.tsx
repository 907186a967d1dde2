"use client";

import type { GridApi } from "ag-grid-community";
import { PackageSearchIcon } from "lucide-react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { Button } from "@/components/ui/button";
import { useChannelPriceColumns } from "@/modules/catalog/hooks/use-channel-price-columns";
import { sortFieldOf, useCatalogColumns } from "../hooks/use-catalog-columns";
import { useBulkSelection } from "../hooks/use-bulk-selection";
import { useCatalogDatasource, type LoadState } from "../hooks/use-catalog-datasource";
import { useCellEdits } from "../hooks/use-cell-edits";
import { useGridClipboard } from "../hooks/use-grid-clipboard";
import { useGridLayout } from "../hooks/use-grid-layout";
import { useGridQuery } from "../hooks/use-grid-query";
import { useGridShortcuts } from "../hooks/use-grid-shortcuts";
import { useLiveRows } from "../hooks/use-live-rows";
import { usePendingStore } from "../hooks/use-pending-store";
import { useSaveChanges } from "../hooks/use-save-changes";
import type { EditableField } from "../utils/catalog-fields";
import type { CategoryOption, SortItem, VariantRow } from "../utils/catalog-types";
import { categoryPathMap } from "../utils/cell-text";
import { applyColumnLayout, applySort, readSort, type SavedColumn } from "../utils/column-layout";
import { activeFilterCount, toListVariantsQuery } from "../utils/grid-query";
import { invalidCells, pendingCount } from "../utils/pending-changes";
import { AddProductButton } from "./add-product-button";
import { BulkEditDialog, type BulkOperation, type BulkSelectionInput } from "./bulk-edit-dialog";
import { ImportCsvButton } from "./import-csv-dialog";
import { BulkOperationsPanel } from "./bulk-operations-panel";
import { BulkSelectionBar } from "./bulk-selection-bar";
import { CatalogGrid } from "./catalog-grid";
import { ConflictDialog } from "./conflict-dialog";
import { PriceWarningsDialog } from "./price-warnings-dialog";
import { EditActions } from "./edit-actions";
import { GridStatusBar } from "./grid-status-bar";
import { GridToolbar } from "./grid-toolbar";

export type ProductsGridProps = {
  currency: string;
  categories: CategoryOption[];
  brands: string[];
  canEdit: boolean;
  /** May start bulk operations (`bulk:write`). */
  canBulkEdit: boolean;
  savedLayout: { columns: SavedColumn[]; sort: SortItem[] } | null;
};

const colIdOf = (field: SortItem["field"]) => (field === "category" ? "categoryId" : field);
const sortFieldFor = (colId: string) => sortFieldOf[colId];

/** The Products spreadsheet: toolbar, grid, status bar and the save flow, wired from small hooks. */
export function ProductsGrid({ currency, categories, brands, canEdit, canBulkEdit, savedLayout }: ProductsGridProps) {
  const [api, setApi] = useState<GridApi<VariantRow> | null>(null);
  const [load, setLoad] = useState<LoadState>({ status: "loading" });
  const containerRef = useRef<HTMLDivElement>(null);
  const { query, setQuery, patchQuery, clearFilters } = useGridQuery();
  const { store, state } = usePendingStore();
  const textContext = useMemo(() => ({ currency, categoryPaths: categoryPathMap(categories) }), [currency, categories]);

  const { applyInputs, commit, undo, redo } = useCellEdits(api, store, { currency, categories });
  const handleCellInput = useCallback(
    (row: VariantRow, field: EditableField, raw: string) => applyInputs([{ row, field, raw }]),
    [applyInputs],
  );
  const catalogColumns = useCatalogColumns({ store, currency, categories, canEdit, onCellInput: handleCellInput });
  const channelColumns = useChannelPriceColumns(api, currency, savedLayout?.columns ?? null);
  // Shop prices sit right after the master price.
  const columns = useMemo(() => {
    const at = catalogColumns.findIndex((column) => column.colId === "price") + 1;
    return [...catalogColumns.slice(0, at), ...channelColumns, ...catalogColumns.slice(at)];
  }, [catalogColumns, channelColumns]);
  const datasource = useCatalogDatasource(query, currency, setLoad);
  const { pasteText, fillDown } = useGridClipboard(api, canEdit, textContext, applyInputs);
  useGridShortcuts(containerRef, api, { pasteText, fillDown, undo, redo });
  const saving = useSaveChanges(api, store, commit, currency);
  useLiveRows(api, store);
  const { filter, search } = toListVariantsQuery(query, currency);
  const { scheduleSave } = useGridLayout(api, filter, query.sort);
  const bulk = useBulkSelection(api, JSON.stringify({ filter, search }));
  const [bulkOpen, setBulkOpen] = useState(false);
  const [startedOperations, setStartedOperations] = useState<BulkOperation[]>([]);
  const bulkSelection: BulkSelectionInput =
    bulk.selection.mode === "ids"
      ? { mode: "ids", variantIds: bulk.selection.variantIds }
      : { mode: "query", filter, ...(search ? { search } : {}) };
  const handleBulkStarted = useCallback(
    (operation: BulkOperation) => {
      setStartedOperations((current) => [...current, operation]);
      bulk.clear();
    },
    [bulk],
  );
  const handleBulkFinished = useCallback(() => {
    if (api && !api.isDestroyed()) api.refreshInfiniteCache();
  }, [api]);

  // Only the first layout matters: later changes come from the grid itself.
  const initialLayout = useRef({ savedLayout, urlSort: query.sort });
  const handleReady = useCallback((gridApi: GridApi<VariantRow>) => {
    const { savedLayout: layout, urlSort } = initialLayout.current;
    if (layout) applyColumnLayout(gridApi, layout.columns);
    const sort = urlSort.length ? urlSort : (layout?.sort ?? []);
    if (sort.length) applySort(gridApi, sort, colIdOf);
    setApi(gridApi);
  }, []);

  const handleSortChanged = useCallback(() => {
    if (!api) return;
    const sort = readSort(api, sortFieldFor);
    // The grid echoes sorts applied from the URL or the saved layout; only a user's change is new.
    if (JSON.stringify(sort) === JSON.stringify(query.sort)) return;
    patchQuery({ sort });
    scheduleSave();
  }, [api, patchQuery, scheduleSave, query.sort]);

  // A sort that arrives through the URL (a saved view, back/forward) is pushed into the grid.
  const sortKey = JSON.stringify(query.sort);
  useEffect(() => {
    if (api && JSON.stringify(readSort(api, sortFieldFor)) !== sortKey)
      applySort(api, JSON.parse(sortKey) as SortItem[], colIdOf);
  }, [api, sortKey]);

  const dirty = pendingCount(state);
  const invalid = invalidCells(state);
  const filtered = activeFilterCount(query) > 0;

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3">
      <GridToolbar
        query={query}
        onQueryChange={setQuery}
        onPatchQuery={patchQuery}
        onClearFilters={clearFilters}
        categories={categories}
        brands={brands}
        currency={currency}
        api={api}
        onLayoutChanged={scheduleSave}
        actions={
          canEdit ? (
            <>
              <AddProductButton />
              {canBulkEdit ? <ImportCsvButton onStarted={handleBulkStarted} /> : null}
              <EditActions
                dirty={dirty}
                invalid={invalid.length}
                canUndo={state.undo.length > 0}
                canRedo={state.redo.length > 0}
                saving={saving.saving}
                onUndo={undo}
                onRedo={redo}
                onFillDown={fillDown}
                onSave={() => void saving.save()}
              />
            </>
          ) : null
        }
      />
      <BulkOperationsPanel started={startedOperations} onFinished={handleBulkFinished} />
      <BulkSelectionBar
        selection={bulk.selection}
        total={load.status === "ready" ? load.total : null}
        totalExact={load.status !== "ready" || load.exact}
        canBulkEdit={canEdit && canBulkEdit}
        onSelectAllMatching={bulk.selectAllMatching}
        onClear={bulk.clear}
        onBulkEdit={() => setBulkOpen(true)}
      />
      <div ref={containerRef} className="relative min-h-[420px] flex-1" data-testid="catalog-grid">
        <CatalogGrid
          columns={columns}
          datasource={datasource}
          onReady={handleReady}
          onLayoutChanged={scheduleSave}
          onSortChanged={handleSortChanged}
        />
        {load.status === "error" ? (
          <div className="absolute inset-x-0 top-10 z-10 flex justify-center p-6">
            <ErrorState
              className="bg-background"
              title="Could not load the catalog"
              error={load.error}
              onRetry={() => api?.refreshInfiniteCache()}
            />
          </div>
        ) : load.status === "ready" && load.total === 0 ? (
          <div className="absolute inset-x-0 top-10 z-10 flex justify-center p-6">
            <EmptyState
              className="rounded-lg border bg-background"
              icon={PackageSearchIcon}
              title={filtered ? "No products match" : "No products yet"}
              description={
                filtered ? "Try another search or clear the filters." : "Products created or imported appear here."
              }
              action={
                filtered ? (
                  <Button variant="outline" onClick={clearFilters}>
                    Clear filters
                  </Button>
                ) : undefined
              }
            />
          </div>
        ) : null}
      </div>
      <GridStatusBar load={load} dirty={dirty} invalid={invalid} canEdit={canEdit} api={api} />
      {bulkOpen ? (
        <BulkEditDialog
          open={bulkOpen}
          onOpenChange={setBulkOpen}
          selection={bulkSelection}
          currency={currency}
          categories={categories}
          onStarted={handleBulkStarted}
        />
      ) : null}
      <PriceWarningsDialog
        warnings={saving.warnings}
        onConfirm={() => void saving.save({ confirmed: true })}
        onCancel={saving.dismissWarnings}
      />
      <ConflictDialog
        key={saving.conflicts.map((conflict) => `${conflict.variantId}:${conflict.field}`).join(",")}
        conflicts={saving.conflicts}
        textContext={textContext}
        onResolve={(choices) => void saving.resolveConflicts(choices)}
        onCancel={saving.dismissConflicts}
      />
    </div>
  );
}
