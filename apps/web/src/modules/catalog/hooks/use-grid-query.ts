"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { emptyGridQuery, gridQueryToSearch, parseGridQuery, type GridQuery } from "../utils/grid-query";

/** Search, filters and sort of the Products grid, kept in the URL (parsed with zod, never trusted). */
export function useGridQuery() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const query = useMemo(() => parseGridQuery(new URLSearchParams(searchParams.toString())), [searchParams]);

  const setQuery = useCallback(
    (next: GridQuery) => {
      const search = gridQueryToSearch(next);
      if (search !== gridQueryToSearch(query)) router.replace(`${pathname}${search}`, { scroll: false });
    },
    [router, pathname, query],
  );
  const patchQuery = useCallback((patch: Partial<GridQuery>) => setQuery({ ...query, ...patch }), [query, setQuery]);
  const clearFilters = useCallback(() => setQuery({ ...emptyGridQuery(), sort: query.sort }), [query.sort, setQuery]);

  return { query, setQuery, patchQuery, clearFilters };
}
