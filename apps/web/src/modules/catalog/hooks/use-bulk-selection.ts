"use client";

import type { GridApi } from "ag-grid-community";
import { useCallback, useEffect, useState } from "react";
import type { VariantRow } from "../utils/catalog-types";

/** Rows ticked in the grid, or "every row matching the current filter and search" (even unloaded ones). */
export type BulkSelectionState = { mode: "ids"; variantIds: string[] } | { mode: "query" };

/**
 * Follows the grid's checkbox selection; `selectAllMatching` widens it to the whole filtered set.
 * A new filter or search (`queryKey`) clears the selection, which would otherwise mean other rows.
 */
export function useBulkSelection(api: GridApi<VariantRow> | null, queryKey: string) {
  const [selection, setSelection] = useState<BulkSelectionState>({ mode: "ids", variantIds: [] });

  useEffect(() => {
    if (!api) return;
    const listener = () => {
      const variantIds = api.getSelectedRows().map((row) => row.variantId);
      // Unticking a row while "all matching" is selected goes back to the ticked rows.
      setSelection({ mode: "ids", variantIds });
    };
    api.addEventListener("selectionChanged", listener);
    return () => {
      if (!api.isDestroyed()) api.removeEventListener("selectionChanged", listener);
    };
  }, [api]);

  const clear = useCallback(() => {
    if (api && !api.isDestroyed()) api.deselectAll();
    setSelection({ mode: "ids", variantIds: [] });
  }, [api]);

  const [lastKey, setLastKey] = useState(queryKey);
  if (lastKey !== queryKey) {
    setLastKey(queryKey);
    setSelection({ mode: "ids", variantIds: [] });
  }
  useEffect(() => {
    if (api && !api.isDestroyed()) api.deselectAll();
  }, [api, queryKey]);

  const selectAllMatching = useCallback(() => {
    setSelection({ mode: "query" });
  }, []);

  return { selection, clear, selectAllMatching };
}
