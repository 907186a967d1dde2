"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { inventoryQueryToSearch, parseInventoryQuery, type InventoryQuery } from "../utils/inventory-query";

/** The Inventory filters kept in the URL (shareable, survive a reload). */
export function useInventoryQuery() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const query = useMemo(() => parseInventoryQuery(new URLSearchParams(searchParams.toString())), [searchParams]);
  const patchQuery = useCallback(
    (patch: Partial<InventoryQuery>) =>
      router.replace(`${pathname}${inventoryQueryToSearch({ ...query, ...patch })}`, { scroll: false }),
    [router, pathname, query],
  );
  return { query, patchQuery };
}
