"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { auditFiltersToSearch, parseAuditFilters, type AuditFilters } from "../utils/audit-filters";

/** Audit filters kept in the URL, so a filtered view can be shared and survives a reload. */
export function useAuditFilters() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => parseAuditFilters(new URLSearchParams(searchParams.toString())), [searchParams]);

  const setFilters = useCallback(
    (next: AuditFilters) => router.replace(`${pathname}${auditFiltersToSearch(next)}`, { scroll: false }),
    [router, pathname],
  );
  const setFilter = useCallback(
    <K extends keyof AuditFilters>(key: K, value: AuditFilters[K]) =>
      setFilters({ ...filters, [key]: value || undefined }),
    [filters, setFilters],
  );
  return { filters, setFilter, clear: () => setFilters({}) };
}
