import { formatListingPriceRule, type ListingPriceRule } from "@syncstore/domain";

export type SyncState = "unlinked" | "pending" | "syncing" | "in_sync" | "failed" | "conflict" | "disabled";
type BadgeVariant = "default" | "secondary" | "destructive" | "outline";

export const syncStateDisplay: Record<SyncState, { label: string; variant: BadgeVariant }> = {
  unlinked: { label: "Unmatched", variant: "outline" },
  pending: { label: "Pending", variant: "secondary" },
  syncing: { label: "Syncing", variant: "secondary" },
  in_sync: { label: "In sync", variant: "default" },
  failed: { label: "Failed", variant: "destructive" },
  conflict: { label: "Conflict", variant: "destructive" },
  disabled: { label: "Disabled", variant: "outline" },
};

/** The shop deleted the product (seen by a webhook or a re-import): it can only be published again. */
export function isDeletedOnChannel(listing: { lastErrorCode: string | null }): boolean {
  return listing.lastErrorCode === "CHANNEL_DELETED";
}

/** What a listing row's status badge says: "Publishing" until the shop has it, then its sync state. */
export function listingStatusLabel(listing: {
  syncState: SyncState;
  externalProductId: string | null;
  lastErrorCode: string | null;
}): {
  label: string;
  variant: BadgeVariant;
} {
  if (!listing.externalProductId && listing.syncState === "pending")
    return { label: "Publishing", variant: "secondary" };
  if (isDeletedOnChannel(listing)) return { label: "Deleted on channel", variant: "destructive" };
  // No exchange rate for the shop's currency: nothing is wrong with the listing, its price waits.
  if (listing.lastErrorCode === "NO_EXCHANGE_RATE" && listing.syncState === "failed")
    return { label: "Price held", variant: "outline" };
  return syncStateDisplay[listing.syncState];
}

/** "+8% .99 · buffer 2 · cap 10", or "Master values" when nothing is overridden. */
export function overridesSummary(
  listing: {
    priceRule: ListingPriceRule | null;
    stockBuffer: number;
    stockCap: number | null;
    titleOverride: string | null;
  },
  currency: string,
): string {
  const parts: string[] = [];
  if (listing.priceRule) parts.push(`price ${formatListingPriceRule(listing.priceRule, currency)}`);
  if (listing.stockBuffer > 0) parts.push(`buffer ${listing.stockBuffer}`);
  if (listing.stockCap !== null) parts.push(`cap ${listing.stockCap}`);
  if (listing.titleOverride) parts.push("own title");
  return parts.length ? parts.join(" · ") : "Master values";
}

export function optionsText(options: Record<string, string> | null | undefined): string {
  return Object.entries(options ?? {})
    .map(([name, value]) => `${name}: ${value}`)
    .join(", ");
}
