import { formatListingPriceRule, type ListingPriceRule } from "@syncstore/domain";
import { describeRule, type StockRuleValue } from "@/modules/inventory/utils/stock-rule-form";

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

/** "price +8% .99 · own title", or "Master values" when nothing is overridden (the stock rule has its own column). */
export function overridesSummary(
  listing: {
    priceRule: ListingPriceRule | null;
    titleOverride: string | null;
  },
  currency: string,
): string {
  const parts: string[] = [];
  if (listing.priceRule) parts.push(`price ${formatListingPriceRule(listing.priceRule, currency)}`);
  if (listing.titleOverride) parts.push("own title");
  return parts.length ? parts.join(" · ") : "Master values";
}

export function optionsText(options: Record<string, string> | null | undefined): string {
  return Object.entries(options ?? {})
    .map(([name, value]) => `${name}: ${value}`)
    .join(", ");
}

/**
 * One line for a listing's stock rule: its own ("fixed 3"), or what it inherits when it has none
 * ("Inherits shop rule: buffer 1", "Inherits organization default: 50%").
 */
export function listingStockRuleSummary(
  listing: {
    stockRule: StockRuleValue | null;
    inheritedStockRule: { level: "connection" | "organization" | "none"; rule: StockRuleValue | null };
  },
  shopName: (id: string) => string,
): { own: boolean; text: string } {
  if (listing.stockRule) return { own: true, text: describeRule(listing.stockRule, shopName) };
  const { level, rule } = listing.inheritedStockRule;
  if (level === "connection") return { own: false, text: `Inherits shop rule: ${describeRule(rule, shopName)}` };
  if (level === "organization")
    return { own: false, text: `Inherits organization default: ${describeRule(rule, shopName)}` };
  return { own: false, text: "Inherits shop rule / organization default (none set)" };
}
