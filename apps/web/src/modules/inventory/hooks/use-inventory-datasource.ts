"use client";

import type { IDatasource } from "ag-grid-community";
import { useMemo } from "react";
import { trpc } from "@/lib/trpc/react";
import { toStockQuery, type InventoryQuery } from "../utils/inventory-query";

export const INVENTORY_BLOCK_SIZE = 100;

export type StockLoadState =
  { status: "loading" } | { status: "ready"; total: number } | { status: "error"; error: unknown };

/**
 * The grid's infinite-row-model datasource over `inventory.list`. Blocks are read by keyset: the
 * SKU that ended block n is the cursor of block n + 1, so scrolling stays fast at any depth; a
 * block whose predecessor was never read (a scrollbar jump) falls back to an offset.
 */
export function useInventoryDatasource(query: InventoryQuery, onLoad: (state: StockLoadState) => void): IDatasource {
  const utils = trpc.useUtils();
  const key = JSON.stringify(toStockQuery(query));
  return useMemo<IDatasource>(() => {
    const filter = JSON.parse(key) as ReturnType<typeof toStockQuery>;
    const cursors = new Map<number, string>();
    let total: number | null = null;
    return {
      getRows(params) {
        if (params.startRow === 0) onLoad({ status: "loading" });
        const limit = params.endRow - params.startRow;
        const cursor = cursors.get(params.startRow);
        utils.client.inventory.list
          .query({
            ...filter,
            limit,
            ...(cursor !== undefined ? { cursor } : params.startRow > 0 ? { offset: params.startRow } : {}),
          })
          .then((result) => {
            if (result.total !== null) total = result.total;
            const last = result.rows.at(-1);
            if (last) cursors.set(params.startRow + result.rows.length, last.sku);
            const lastRow = result.nextCursor === null ? params.startRow + result.rows.length : (total ?? undefined);
            params.successCallback(result.rows, lastRow);
            onLoad({ status: "ready", total: total ?? params.startRow + result.rows.length });
          })
          .catch((error: unknown) => {
            params.failCallback();
            onLoad({ status: "error", error });
          });
      },
    };
  }, [key, utils, onLoad]);
}
