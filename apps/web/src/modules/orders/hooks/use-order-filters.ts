"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { orderFiltersToSearch, parseOrderFilters, type OrderFilters } from "../utils/order-filters";

/** The list's filters kept in the URL, so a filtered view can be shared and survives a reload. */
export function useOrderFilters() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => parseOrderFilters(new URLSearchParams(searchParams.toString())), [searchParams]);
  const setFilters = useCallback(
    (next: OrderFilters) => router.replace(`${pathname}${orderFiltersToSearch(next)}`, { scroll: false }),
    [router, pathname],
  );
  const setFilter = useCallback(
    <K extends keyof OrderFilters>(key: K, value: OrderFilters[K]) =>
      setFilters({ ...filters, [key]: value || undefined }),
    [filters, setFilters],
  );
  return { filters, setFilter, clear: () => setFilters({}) };
}
