"use client";

import type { GridApi } from "ag-grid-community";
import { useCallback, useEffect, useRef } from "react";
import { trpc } from "@/lib/trpc/react";
import type { SortItem, VariantRow } from "../utils/catalog-types";
import { readColumnLayout } from "../utils/column-layout";
import { compactFilter, type ListVariantsFilter } from "../utils/grid-query";

const SAVE_DELAY_MS = 800;

/**
 * The user's column layout, sort and filter, saved per user through `catalog.gridState.save`
 * a moment after the last change (a drag fires many events).
 */
export function useGridLayout(api: GridApi<VariantRow> | null, filter: ListVariantsFilter, sort: SortItem[]) {
  const saveMutation = trpc.catalog.gridState.save.useMutation();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef({ filter, sort });
  useEffect(() => {
    latest.current = { filter, sort };
  });
  const { mutate } = saveMutation;

  const scheduleSave = useCallback(() => {
    if (!api) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (api.isDestroyed()) return;
      mutate({
        columns: readColumnLayout(api),
        sort: latest.current.sort,
        filter: compactFilter(latest.current.filter),
      });
    }, SAVE_DELAY_MS);
  }, [api, mutate]);

  useEffect(() => () => clearTimeout(timer.current), []);
  return { scheduleSave };
}
