"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { conflictFiltersToSearch, parseConflictFilters, type ConflictFilters } from "../utils/conflict-filters";

/** Filters (and the conflict shown side by side) kept in the URL, so a view can be shared. */
export function useConflictFilters() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => parseConflictFilters(new URLSearchParams(searchParams.toString())), [searchParams]);
  const setFilters = useCallback(
    (next: ConflictFilters) => router.replace(`${pathname}${conflictFiltersToSearch(next)}`, { scroll: false }),
    [router, pathname],
  );
  const setFilter = useCallback(
    <K extends keyof ConflictFilters>(key: K, value: ConflictFilters[K]) =>
      setFilters({ ...filters, [key]: value || undefined }),
    [filters, setFilters],
  );
  return { filters, setFilter, clear: () => setFilters({}) };
}
