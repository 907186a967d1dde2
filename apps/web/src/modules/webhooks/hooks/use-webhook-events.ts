"use client";

import { trpc } from "@/lib/trpc/react";
import { toListInput, type WebhookFilters } from "../utils/webhook-filters";

export const WEBHOOK_PAGE_SIZE = 50;

/** Webhook events for the filters, newest first, a page at a time (keyset cursor). */
export function useWebhookEvents(filters: WebhookFilters) {
  const query = trpc.webhooks.list.useInfiniteQuery(
    { ...toListInput(filters), limit: WEBHOOK_PAGE_SIZE },
    { getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined },
  );
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return { ...query, items };
}
