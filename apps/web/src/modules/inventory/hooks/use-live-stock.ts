"use client";

import type { GridApi, IRowNode } from "ag-grid-community";
import { useCallback } from "react";
import { trpc } from "@/lib/trpc/react";
import { useRealtime } from "@/lib/realtime/use-realtime";
import type { StockRow } from "../utils/stock-types";

/**
 * Live rows: when stock changes (an order on any shop, an adjustment, a count) or a push lands
 * (`listings.changed`), the loaded rows of those variants are re-read and flashed, without a
 * reload. A finished bulk operation (a large count) refreshes the whole grid.
 */
export function useLiveStock(api: GridApi<StockRow> | null, onChanged?: (variantIds: string[]) => void) {
  const utils = trpc.useUtils();
  const refresh = useCallback(
    async (variantIds: string[]) => {
      onChanged?.(variantIds);
      if (!api || api.isDestroyed()) return;
      const nodes = [...new Set(variantIds)]
        .map((id) => api.getRowNode(id))
        .filter((node): node is IRowNode<StockRow> => node?.data !== undefined && node.rowIndex !== null);
      if (nodes.length === 0) return;
      const rows = await utils.client.inventory.rows.query({
        variantIds: nodes.flatMap((node) => (node.data ? [node.data.variantId] : [])),
      });
      if (api.isDestroyed()) return;
      const changed: IRowNode<StockRow>[] = [];
      for (const row of rows) {
        const node = api.getRowNode(row.variantId);
        if (!node) continue;
        node.setData(row);
        changed.push(node);
      }
      if (changed.length) api.flashCells({ rowNodes: changed, flashDuration: 1200, fadeDuration: 800 });
    },
    [api, utils, onChanged],
  );
  useRealtime("stock.changed", (payload) => void refresh(payload.variantIds).catch(() => undefined));
  useRealtime("listings.changed", (payload) => void refresh(payload.variantIds).catch(() => undefined));
  useRealtime("bulk.progress", (payload) => {
    if (payload.status === "succeeded" && api && !api.isDestroyed()) api.refreshInfiniteCache();
  });
}
