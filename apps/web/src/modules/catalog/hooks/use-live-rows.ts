"use client";

import type { GridApi, IRowNode } from "ag-grid-community";
import { useCallback } from "react";
import { trpc } from "@/lib/trpc/react";
import { useRealtime } from "@/lib/realtime/use-realtime";
import { applyServerRows } from "../utils/apply-server-rows";
import { readSort } from "../utils/column-layout";
import type { VariantRow } from "../utils/catalog-types";
import { rowHasPending } from "../utils/pending-changes";
import type { PendingStore } from "../utils/pending-store";
import { toListVariantsQuery, type GridQuery } from "../utils/grid-query";
import { BLOCK_SIZE } from "./use-catalog-datasource";
import { sortFieldOf } from "./use-catalog-columns";

/** Index windows (at most one block long) covering the given row indexes. */
function windows(indexes: number[]): { start: number; end: number }[] {
  const sorted = [...indexes].sort((a, b) => a - b);
  const result: { start: number; end: number }[] = [];
  for (const index of sorted) {
    const last = result.at(-1);
    if (last && index < last.start + BLOCK_SIZE) last.end = index + 1;
    else result.push({ start: index, end: index + 1 });
  }
  return result;
}

/**
 * Rows another user saved (`catalog.rows_changed`) are re-read in place: only the loaded ones,
 * through `listVariants` windows over their positions, and flashed. Rows with pending local edits
 * keep their loaded versions, so the save reports the difference as a conflict.
 */
export function useLiveRows(api: GridApi<VariantRow> | null, store: PendingStore, query: GridQuery, currency: string) {
  const utils = trpc.useUtils();

  const refresh = useCallback(
    async (variantIds: string[]) => {
      if (!api || api.isDestroyed()) return;
      const nodes = variantIds
        .map((id) => api.getRowNode(id))
        .filter((node): node is IRowNode<VariantRow> => node?.data !== undefined && node.rowIndex !== null);
      const indexes = nodes.map((node) => node.rowIndex ?? 0);
      if (indexes.length === 0) return;
      const { filter, search } = toListVariantsQuery(query, currency);
      const sort = readSort(api, (colId) => sortFieldOf[colId]);
      const wanted = new Set(variantIds);
      const results = await Promise.all(
        windows(indexes).map((window) =>
          utils.client.catalog.listVariants.query({ startRow: window.start, endRow: window.end, sort, filter, search }),
        ),
      );
      const rows = results.flatMap((result) => result.rows).filter((row) => wanted.has(row.variantId));
      const updated = applyServerRows(api, rows, (variantId) => rowHasPending(store.get(), variantId));
      const flashed = updated.map((id) => api.getRowNode(id)).filter((node): node is IRowNode<VariantRow> => Boolean(node));
      if (flashed.length) api.flashCells({ rowNodes: flashed, flashDuration: 1200, fadeDuration: 800 });
    },
    [api, store, query, currency, utils],
  );

  useRealtime("catalog.rows_changed", (payload) => {
    void refresh(payload.variantIds).catch(() => undefined);
  });
}
