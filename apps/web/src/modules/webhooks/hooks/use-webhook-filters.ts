"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { parseWebhookFilters, webhookFiltersToSearch, type WebhookFilters } from "../utils/webhook-filters";

/** Log filters kept in the URL, so a filtered view can be shared and survives a reload. */
export function useWebhookFilters() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => parseWebhookFilters(new URLSearchParams(searchParams.toString())), [searchParams]);
  const setFilters = useCallback(
    (next: WebhookFilters) => router.replace(`${pathname}${webhookFiltersToSearch(next)}`, { scroll: false }),
    [router, pathname],
  );
  const setFilter = useCallback(
    <K extends keyof WebhookFilters>(key: K, value: WebhookFilters[K]) =>
      setFilters({ ...filters, [key]: value || undefined }),
    [filters, setFilters],
  );
  return { filters, setFilter, clear: () => setFilters({}) };
}
