"use client";

import type { ColDef, ICellRendererParams } from "ag-grid-community";
import { AlertTriangleIcon, HistoryIcon, SlidersHorizontalIcon } from "lucide-react";
import { useMemo } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { formatDays, formatQuantity } from "../utils/format-quantity";
import type { StockRow, StockShop } from "../utils/stock-types";

export type StockActions = {
  onAdjust: (row: StockRow) => void;
  onHistory: (row: StockRow) => void;
  onExplain: (row: StockRow, shop: StockShop) => void;
};

const number = (field: keyof StockRow, headerName: string, width = 110): ColDef<StockRow> => ({
  colId: field,
  field,
  headerName,
  width,
  type: "rightAligned",
  valueFormatter: (params) => formatQuantity(params.value as number | null),
});

function AvailableCell({ data }: ICellRendererParams<StockRow>) {
  if (!data) return null;
  const tone =
    data.oversold > 0 || data.available <= 0
      ? "text-destructive"
      : data.available <= data.lowStockThreshold
        ? "text-amber-600 dark:text-amber-400"
        : "";
  return (
    <span className={cn("font-semibold tabular-nums", tone)} data-testid="available">
      {formatQuantity(data.available)}
      {data.oversold > 0 ? (
        <span className="ml-1.5 text-xs font-medium" title="Units sold without stock">
          ({formatQuantity(data.oversold)} oversold)
        </span>
      ) : null}
    </span>
  );
}

function ShopCell({ data, shop, actions }: ICellRendererParams<StockRow> & { shop: StockShop; actions: StockActions }) {
  const listed = data?.shops.find((item) => item.connectionId === shop.id);
  if (!data || !listed) return <span className="text-muted-foreground">Not listed</span>;
  return (
    <button
      type="button"
      className={cn(
        "inline-flex items-center gap-1.5 rounded px-1 tabular-nums underline-offset-2 hover:underline",
        listed.drift && "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
      )}
      title={listed.drift ? "The shop reports a different number than we pushed" : "Why this number?"}
      aria-label={`${shop.name}: pushed ${formatQuantity(listed.pushed)}, shop reports ${formatQuantity(listed.reported)}. Explain`}
      onClick={() => actions.onExplain(data, shop)}
    >
      {listed.drift ? <AlertTriangleIcon className="size-3.5" aria-hidden /> : null}
      <span data-testid="pushed">{formatQuantity(listed.pushed)}</span>
      <span className="text-muted-foreground">/</span>
      <span data-testid="reported">{formatQuantity(listed.reported)}</span>
    </button>
  );
}

function ActionsCell({
  data,
  actions,
  canAdjust,
}: ICellRendererParams<StockRow> & { actions: StockActions; canAdjust: boolean }) {
  if (!data) return null;
  return (
    <div className="flex h-full items-center gap-1">
      {canAdjust ? (
        <Button
          size="sm"
          variant="ghost"
          className="h-7 px-2"
          aria-label={`Adjust stock of ${data.sku}`}
          onClick={() => actions.onAdjust(data)}
        >
          <SlidersHorizontalIcon aria-hidden />
          Adjust
        </Button>
      ) : null}
      <Button
        size="sm"
        variant="ghost"
        className="h-7 px-2"
        aria-label={`Movement history of ${data.sku}`}
        onClick={() => actions.onHistory(data)}
      >
        <HistoryIcon aria-hidden />
        History
      </Button>
    </div>
  );
}

/** The Inventory grid's columns: available, buckets, cover, one pushed / reported column per shop, actions. */
export function useInventoryColumns(shops: StockShop[], actions: StockActions, canAdjust: boolean): ColDef<StockRow>[] {
  return useMemo(
    () => [
      { colId: "sku", field: "sku", headerName: "SKU", width: 160, pinned: "left" },
      {
        colId: "product",
        headerName: "Product",
        flex: 1,
        minWidth: 180,
        valueGetter: (params) => {
          const row = params.data;
          if (!row) return "";
          const options = Object.values(row.options).join(" / ");
          return options ? `${row.productTitle} — ${options}` : row.productTitle;
        },
        tooltipValueGetter: (params) => params.value as string,
      },
      // Available right after the product (and the SKU pinned) so it shows at 1280 px without scrolling.
      { colId: "available", headerName: "Available", width: 150, cellRenderer: AvailableCell, type: "rightAligned" },
      number("onHand", "On hand"),
      number("committed", "Committed"),
      number("promotionReserved", "Promo reserved", 130),
      number("unavailable", "Unavailable"),
      {
        colId: "daysOfCover",
        field: "daysOfCover",
        headerName: "Days of cover",
        width: 120,
        type: "rightAligned",
        valueFormatter: (params) => formatDays(params.value as number | null),
        headerTooltip: "Available ÷ average daily sales of the last 30 days",
      },
      ...shops.map((shop): ColDef<StockRow> => ({
        colId: `shop:${shop.id}`,
        headerName: `${shop.name} (pushed / shop)`,
        headerTooltip: `${shop.name}: what we last pushed / what the shop last reported`,
        width: 190,
        cellRenderer: ShopCell,
        cellRendererParams: { shop, actions },
      })),
      {
        colId: "actions",
        headerName: "",
        width: canAdjust ? 180 : 100,
        cellRenderer: ActionsCell,
        cellRendererParams: { actions, canAdjust },
      },
    ],
    [shops, actions, canAdjust],
  );
}
