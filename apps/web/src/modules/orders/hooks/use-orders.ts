"use client";

import { trpc } from "@/lib/trpc/react";
import { toListInput, type OrderFilters } from "../utils/order-filters";

export const ORDERS_PAGE_SIZE = 50;

/** Orders for the filters, newest first, a page at a time (keyset cursor). */
export function useOrders(filters: OrderFilters) {
  const query = trpc.orders.list.useInfiniteQuery(
    { ...toListInput(filters), limit: ORDERS_PAGE_SIZE },
    { getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined },
  );
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return { ...query, items };
}
