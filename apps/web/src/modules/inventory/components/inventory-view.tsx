"use client";

import { countOf } from "@/lib/plural";
import type { GridApi } from "ag-grid-community";
import { PackageOpenIcon, ShieldAlertIcon } from "lucide-react";
import { useCallback, useMemo, useState } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { LiveIndicator } from "@/components/common/live-indicator";
import { PageHeader } from "@/components/common/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { trpc } from "@/lib/trpc/react";
import { useCan, useMe } from "@/lib/use-me";
import { useInventoryColumns, type StockActions } from "../hooks/use-inventory-columns";
import { useInventoryDatasource, type StockLoadState } from "../hooks/use-inventory-datasource";
import { useInventoryQuery } from "../hooks/use-inventory-query";
import { useLiveStock } from "../hooks/use-live-stock";
import type { StockRow, StockShop } from "../utils/stock-types";
import { AdjustStockDialog } from "./adjust-stock-dialog";
import { CountImportButton } from "./count-import-dialog";
import { ExplainDialog, type ExplainTarget } from "./explain-dialog";
import { InventoryGrid } from "./inventory-grid";
import { InventoryToolbar } from "./inventory-toolbar";
import { MovementHistorySheet } from "./movement-history-sheet";

export function InventoryView() {
  const me = useMe();
  const canRead = useCan("inventory:read");
  if (me.data && !canRead)
    return (
      <EmptyState
        className="rounded-lg border border-dashed py-16"
        icon={ShieldAlertIcon}
        title="Inventory is not available to your role"
        description="Ask an owner or admin of this organization for access."
      />
    );
  return me.data ? <InventoryScreen /> : <Skeleton className="h-96 w-full" />;
}

function InventoryScreen() {
  const canAdjust = useCan("inventory:write");
  const shops = trpc.inventory.shops.useQuery(undefined, { staleTime: 60_000 });
  return (
    <div className="grid h-[calc(100dvh-7rem)] min-h-[520px] grid-rows-[auto_auto_minmax(0,1fr)] gap-4">
      <PageHeader
        title="Inventory"
        description="One stock truth per variant: what is on hand, held by orders and promotions, available, and what every shop was offered."
        actions={
          <>
            <LiveIndicator />
            {canAdjust ? <CountImportButton /> : null}
          </>
        }
      />
      {shops.isError ? (
        <ErrorState title="Could not load your shops" error={shops.error} onRetry={() => void shops.refetch()} />
      ) : !shops.data ? (
        <>
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-full w-full" />
        </>
      ) : (
        <StockTable shops={shops.data} canAdjust={canAdjust} />
      )}
    </div>
  );
}

function StockTable({ shops, canAdjust }: { shops: StockShop[]; canAdjust: boolean }) {
  const { query, patchQuery } = useInventoryQuery();
  const [api, setApi] = useState<GridApi<StockRow> | null>(null);
  const [load, setLoad] = useState<StockLoadState>({ status: "loading" });
  const [adjusting, setAdjusting] = useState<StockRow | null>(null);
  const [history, setHistory] = useState<StockRow | null>(null);
  const [explaining, setExplaining] = useState<ExplainTarget | null>(null);
  const actions = useMemo<StockActions>(
    () => ({ onAdjust: setAdjusting, onHistory: setHistory, onExplain: (row, shop) => setExplaining({ row, shop }) }),
    [],
  );
  const columns = useInventoryColumns(shops, actions, canAdjust);
  const datasource = useInventoryDatasource(query, setLoad);
  useLiveStock(api);
  const handleReady = useCallback((gridApi: GridApi<StockRow>) => setApi(gridApi), []);
  const empty = load.status === "ready" && load.total === 0;
  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <InventoryToolbar query={query} shops={shops} onChange={patchQuery} />
        <span className="text-sm text-muted-foreground" role="status" data-testid="inventory-count">
          {load.status === "ready" ? countOf(load.total, "variant") : load.status === "loading" ? "Loading…" : ""}
        </span>
      </div>
      <div className="relative min-h-0">
        {load.status === "error" ? (
          <ErrorState
            title="Could not load the stock"
            error={load.error}
            onRetry={() => api?.refreshInfiniteCache()}
            className="absolute inset-x-0 top-0 z-10"
          />
        ) : null}
        {empty ? (
          <EmptyState
            className="absolute inset-x-0 top-16 z-10"
            icon={PackageOpenIcon}
            title={
              query.stock === "all" && !query.shop && !query.q ? "No variants yet" : "Nothing matches these filters"
            }
            description={
              query.stock === "all" && !query.shop && !query.q
                ? "Add products on the Products page or import them from a shop."
                : "Try another stock filter, shop or search."
            }
          />
        ) : null}
        <InventoryGrid columns={columns} datasource={datasource} onReady={handleReady} />
      </div>
      <AdjustStockDialog row={adjusting} onClose={() => setAdjusting(null)} />
      <MovementHistorySheet row={history} onClose={() => setHistory(null)} />
      <ExplainDialog target={explaining} onClose={() => setExplaining(null)} />
    </>
  );
}
