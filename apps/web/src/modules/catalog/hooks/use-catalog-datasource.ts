"use client";

import type { IDatasource, SortModelItem } from "ag-grid-community";
import { useMemo } from "react";
import { trpc } from "@/lib/trpc/react";
import type { SortItem } from "../utils/catalog-types";
import { toListVariantsQuery, type GridQuery } from "../utils/grid-query";
import { sortFieldOf } from "./use-catalog-columns";

export const BLOCK_SIZE = 100;

export type LoadState =
  | { status: "loading" }
  /** `exact` false: more than `total` rows match (the server stops counting at its cap). */
  | { status: "ready"; total: number; exact: boolean }
  | { status: "error"; error: unknown };

function toSort(model: SortModelItem[]): SortItem[] {
  return model.flatMap((item) => {
    const field = sortFieldOf[item.colId];
    return field ? [{ field, direction: item.sort }] : [];
  });
}

/**
 * The grid's infinite-row-model datasource over `catalog.listVariants`. A new datasource (and so a
 * fresh first block) only when the filters or search change; sorting comes from the grid itself.
 */
/** `onLoad` must be stable (a state setter): a new one would reload the grid. */
export function useCatalogDatasource(
  query: GridQuery,
  currency: string,
  onLoad: (state: LoadState) => void,
): IDatasource {
  const utils = trpc.useUtils();
  const { filter, search } = toListVariantsQuery(query, currency);
  const key = JSON.stringify({ filter, search });

  return useMemo<IDatasource>(() => {
    const { filter: blockFilter, search: blockSearch } = JSON.parse(key) as ReturnType<typeof toListVariantsQuery>;
    return {
      getRows(params) {
        if (params.startRow === 0) onLoad({ status: "loading" });
        utils.client.catalog.listVariants
          .query({
            startRow: params.startRow,
            endRow: params.endRow,
            sort: toSort(params.sortModel),
            filter: blockFilter,
            search: blockSearch,
          })
          .then((result) => {
            // Past the server's count cap the last row is unknown: the grid grows as blocks load.
            params.successCallback(result.rows, result.totalExact ? result.total : undefined);
            onLoad({ status: "ready", total: result.total, exact: result.totalExact });
          })
          .catch((error: unknown) => {
            params.failCallback();
            onLoad({ status: "error", error });
          });
      },
    };
  }, [key, utils, onLoad]);
}
