"use client";

import type { ColDef, GetRowIdParams, GridApi, GridReadyEvent, IDatasource, RowClassParams } from "ag-grid-community";
import { AgGridReact } from "ag-grid-react";
import { useCallback } from "react";
import { BLOCK_SIZE } from "../hooks/use-catalog-datasource";
import type { VariantRow } from "../utils/catalog-types";
import { isGroupStart } from "../utils/group-start";
import { gridTheme, registerGridModules } from "../utils/grid-setup";
import "./catalog-grid.css";

registerGridModules();

const getRowId = (params: GetRowIdParams<VariantRow>) => params.data.variantId;
const getRowClass = (params: RowClassParams<VariantRow>) =>
  isGroupStart(params.node, params.api) ? "ss-row-group-start" : "ss-row-continuation";

/** The AG Grid element itself: infinite row model, one row per variant, spreadsheet behaviour. */
export function CatalogGrid({
  columns,
  datasource,
  onReady,
  onLayoutChanged,
  onSortChanged,
}: {
  columns: ColDef<VariantRow>[];
  datasource: IDatasource;
  onReady: (api: GridApi<VariantRow>) => void;
  onLayoutChanged: () => void;
  onSortChanged: () => void;
}) {
  const handleGridReady = useCallback((event: GridReadyEvent<VariantRow>) => onReady(event.api), [onReady]);
  return (
    <AgGridReact<VariantRow>
      className="ss-grid h-full w-full"
      theme={gridTheme}
      columnDefs={columns}
      defaultColDef={{ resizable: true, suppressHeaderMenuButton: true, minWidth: 70 }}
      rowModelType="infinite"
      datasource={datasource}
      cacheBlockSize={BLOCK_SIZE}
      maxConcurrentDatasourceRequests={2}
      infiniteInitialRowCount={BLOCK_SIZE}
      blockLoadDebounceMillis={60}
      getRowId={getRowId}
      maintainColumnOrder
      getRowClass={getRowClass}
      rowSelection={{ mode: "multiRow", checkboxes: true, headerCheckbox: false, enableClickSelection: false }}
      selectionColumnDef={{ pinned: "left", width: 44, suppressHeaderMenuButton: true }}
      singleClickEdit={false}
      stopEditingWhenCellsLoseFocus
      enterNavigatesVerticallyAfterEdit
      tooltipShowDelay={150}
      tooltipInteraction={false}
      enableCellTextSelection={false}
      animateRows={false}
      onGridReady={handleGridReady}
      onColumnMoved={(event) => event.finished && onLayoutChanged()}
      onColumnResized={(event) => event.finished && onLayoutChanged()}
      onColumnVisible={onLayoutChanged}
      onColumnPinned={onLayoutChanged}
      onSortChanged={onSortChanged}
    />
  );
}
