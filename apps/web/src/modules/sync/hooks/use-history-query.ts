"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { historyQueryToSearch, parseHistoryQuery, type HistoryQuery } from "../utils/history-query";

/** History filters kept in the URL ("view failures" links here with `?outcome=failed`). */
export function useHistoryQuery() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const query = useMemo(() => parseHistoryQuery(new URLSearchParams(searchParams.toString())), [searchParams]);
  const patch = useCallback(
    (next: Partial<HistoryQuery>) =>
      router.replace(`${pathname}${historyQueryToSearch({ ...query, ...next })}`, { scroll: false }),
    [router, pathname, query],
  );
  return { query, patch };
}
