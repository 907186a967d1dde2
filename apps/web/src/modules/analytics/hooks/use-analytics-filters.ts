"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { useMe } from "@/lib/use-me";
import { analyticsSearchSchema, rangeOf, todayIn, type AnalyticsSearch } from "../utils/filters";

/** The page's filters live in the URL (shareable, back button): parsed with zod, written with replace. */
export function useAnalyticsFilters() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const search = useMemo(() => analyticsSearchSchema.parse(Object.fromEntries(params.entries())), [params]);
  // Presets end at yesterday in the organization's time zone, not the browser's or UTC.
  const timeZone = useMe().data?.activeOrganization?.timeZone ?? "UTC";
  const range = useMemo(() => rangeOf(search, todayIn(timeZone)), [search, timeZone]);
  const update = useCallback(
    (patch: Partial<AnalyticsSearch>) => {
      const next = { ...search, ...patch };
      const query = new URLSearchParams();
      query.set("range", next.range);
      if (next.range === "custom" && next.from && next.to) {
        query.set("from", next.from);
        query.set("to", next.to);
      }
      if (next.shops.length > 0) query.set("shops", next.shops.join(","));
      if (!next.compare) query.set("compare", "0");
      router.replace(`${pathname}?${query.toString()}`, { scroll: false });
    },
    [pathname, router, search],
  );
  return { search, range, update, filter: { from: range.from, to: range.to, shops: search.shops } };
}
