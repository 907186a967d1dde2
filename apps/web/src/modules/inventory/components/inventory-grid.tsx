"use client";

import type { ColDef, GetRowIdParams, GridApi, GridReadyEvent, IDatasource } from "ag-grid-community";
import { AgGridReact } from "ag-grid-react";
import { useCallback } from "react";
import { gridTheme, registerGridModules } from "@/modules/catalog/utils/grid-setup";
import { INVENTORY_BLOCK_SIZE } from "../hooks/use-inventory-datasource";
import type { StockRow } from "../utils/stock-types";

registerGridModules();

const getRowId = (params: GetRowIdParams<StockRow>) => params.data.variantId;

/** AG Grid (Community, infinite row model): one row per variant, read-only cells. */
export function InventoryGrid({
  columns,
  datasource,
  onReady,
}: {
  columns: ColDef<StockRow>[];
  datasource: IDatasource;
  onReady: (api: GridApi<StockRow>) => void;
}) {
  const handleGridReady = useCallback((event: GridReadyEvent<StockRow>) => onReady(event.api), [onReady]);
  return (
    <AgGridReact<StockRow>
      className="h-full w-full"
      theme={gridTheme}
      columnDefs={columns}
      defaultColDef={{ resizable: true, suppressHeaderMenuButton: true, sortable: false, minWidth: 70 }}
      rowModelType="infinite"
      datasource={datasource}
      cacheBlockSize={INVENTORY_BLOCK_SIZE}
      maxConcurrentDatasourceRequests={1}
      infiniteInitialRowCount={1}
      blockLoadDebounceMillis={60}
      getRowId={getRowId}
      tooltipShowDelay={300}
      enableCellTextSelection
      animateRows={false}
      // A dozen columns plus one pair per shop: render them all, so the row's actions (adjust,
      // history) at the right edge are always in the page and reachable by keyboard and tests.
      suppressColumnVirtualisation
      onGridReady={handleGridReady}
    />
  );
}
