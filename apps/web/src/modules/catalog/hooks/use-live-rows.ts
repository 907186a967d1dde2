"use client";

import type { GridApi, IRowNode } from "ag-grid-community";
import { useCallback } from "react";
import { trpc } from "@/lib/trpc/react";
import { useRealtime } from "@/lib/realtime/use-realtime";
import { applyServerRows } from "../utils/apply-server-rows";
import type { VariantRow } from "../utils/catalog-types";
import { rowHasPending } from "../utils/pending-changes";
import type { PendingStore } from "../utils/pending-store";

/**
 * Rows another user saved (`catalog.rows_changed`) are re-read by id (only the loaded ones) and
 * flashed. Rows with pending local edits keep their loaded versions, so the save reports the
 * difference as a conflict.
 */
export function useLiveRows(api: GridApi<VariantRow> | null, store: PendingStore) {
  const utils = trpc.useUtils();

  const refresh = useCallback(
    async (variantIds: string[]) => {
      if (!api || api.isDestroyed()) return;
      const nodes = variantIds
        .map((id) => api.getRowNode(id))
        .filter((node): node is IRowNode<VariantRow> => node?.data !== undefined && node.rowIndex !== null);
      if (nodes.length === 0) return;
      const { rows } = await utils.client.catalog.getVariants.query({
        ids: nodes.flatMap((node) => (node.data ? [node.data.variantId] : [])),
      });
      const updated = applyServerRows(api, rows, (variantId) => rowHasPending(store.get(), variantId));
      const flashed = updated
        .map((id) => api.getRowNode(id))
        .filter((node): node is IRowNode<VariantRow> => Boolean(node));
      if (flashed.length) api.flashCells({ rowNodes: flashed, flashDuration: 1200, fadeDuration: 800 });
    },
    [api, store, utils],
  );

  useRealtime("catalog.rows_changed", (payload) => {
    void refresh(payload.variantIds).catch(() => undefined);
  });
  // Sync state changes (pushed, failed, queued) refresh the Sync column of those rows.
  useRealtime("listings.changed", (payload) => {
    void refresh(payload.variantIds).catch(() => undefined);
  });
}
