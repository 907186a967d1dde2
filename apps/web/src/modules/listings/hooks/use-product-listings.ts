"use client";

import { useRealtime } from "@/lib/realtime/use-realtime";
import { trpc } from "@/lib/trpc/react";

/** The product's channel listings, refreshed when a job or a colleague changes them or the master values. */
export function useProductListings(productId: string) {
  const utils = trpc.useUtils();
  const query = trpc.channels.listings.forProduct.useQuery({ productId }, { retry: false });
  const variantIds = new Set(query.data?.variants.map((v) => v.id) ?? []);
  const listingIds = new Set(query.data?.listings.map((l) => l.id) ?? []);
  const refresh = () => void utils.channels.listings.forProduct.invalidate({ productId });
  useRealtime("listings.changed", (payload) => {
    if (payload.variantIds.some((id) => variantIds.has(id)) || payload.listingIds.some((id) => listingIds.has(id)))
      refresh();
  });
  useRealtime("catalog.rows_changed", (payload) => {
    if (payload.variantIds.some((id) => variantIds.has(id))) refresh();
  });
  return query;
}
