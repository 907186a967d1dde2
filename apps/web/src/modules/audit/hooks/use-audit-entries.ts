"use client";

import { trpc } from "@/lib/trpc/react";
import { toAuditListInput, type AuditFilters } from "../utils/audit-filters";

export const AUDIT_PAGE_SIZE = 25;

/** Audit entries for the filters, newest first, a page at a time (cursor pagination). */
export function useAuditEntries(filters: AuditFilters) {
  const query = trpc.audit.list.useInfiniteQuery(
    { ...toAuditListInput(filters), limit: AUDIT_PAGE_SIZE },
    { getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined },
  );
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return { ...query, items };
}
