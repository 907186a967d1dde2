import type { ListingsChangedPayload } from "@syncstore/realtime/events";

/** `listings.changed` for rows the API just marked (reason "sync": their state moved to pending). */
export function listingsChangedEvent(
  rows: readonly { id: string; variant_id: string | null }[],
  connectionId: string | null,
): ListingsChangedPayload {
  return {
    listingIds: rows.map((row) => row.id),
    variantIds: [...new Set(rows.flatMap((row) => (row.variant_id ? [row.variant_id] : [])))],
    connectionId,
    reason: "sync",
  };
}
