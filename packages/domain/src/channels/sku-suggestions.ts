/**
 * SKU suggestions for unmatched listings (Channels → shop → Unmatched → "Link by SKU suggestions").
 *
 * The import links a listing whose SKU equals (trimmed, case-insensitive) exactly one master SKU.
 * A suggestion goes one step further: SKUs are compared without case, spaces and separators
 * (`-`, `_`, `.`, `/`), so "mug cls 01", "MUG-CLS-01" and "mug_cls.01" are one key. A listing gets a
 * suggestion only when exactly one master variant has its key, that variant has no listing on this
 * shop yet, and no other listing of the same request claims it; otherwise it gets the reason why not.
 */

/** The comparison key of a SKU: lower case, without spaces and separators; null when nothing is left. */
export function skuKey(sku: string | null | undefined): string | null {
  const key = (sku ?? "").toLowerCase().replace(/[\s\-_./]+/g, "");
  return key.length ? key : null;
}

export interface SuggestionListing {
  id: string;
  sku: string | null;
}

export interface SuggestionVariant {
  id: string;
  sku: string;
  /** The SKU of the listing of this shop already linked to it (a variant takes one listing per shop), or "" when linked to one without SKU. */
  linkedHere: string | null;
}

export type SkuSuggestion =
  { listingId: string; ok: true; variantId: string; sku: string } | { listingId: string; ok: false; reason: string };

/** One suggestion (or the reason there is none) per listing, in the listings' order. */
export function suggestSkuMatches(
  listings: readonly SuggestionListing[],
  variants: readonly SuggestionVariant[],
): SkuSuggestion[] {
  const byKey = new Map<string, SuggestionVariant[]>();
  for (const variant of variants) {
    const key = skuKey(variant.sku);
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), variant]);
  }
  const claimedBy = new Map<string, string>();
  return listings.map((listing): SkuSuggestion => {
    const key = skuKey(listing.sku);
    if (!key) return { listingId: listing.id, ok: false, reason: "The listing has no SKU on the shop" };
    const found = byKey.get(key) ?? [];
    if (found.length === 0)
      return { listingId: listing.id, ok: false, reason: `No master variant has a SKU like ${listing.sku?.trim()}` };
    if (found.length > 1)
      return {
        listingId: listing.id,
        ok: false,
        reason: `${found.length} master variants match (${found.map((v) => v.sku).join(", ")}): link it by hand`,
      };
    const variant = found[0]!;
    if (variant.linkedHere !== null)
      return {
        listingId: listing.id,
        ok: false,
        reason: `${variant.sku} is already linked to ${variant.linkedHere ? `listing ${variant.linkedHere}` : "another listing"} on this shop`,
      };
    const other = claimedBy.get(variant.id);
    if (other !== undefined)
      return {
        listingId: listing.id,
        ok: false,
        reason: `${variant.sku} is suggested for another selected listing${other ? ` (${other})` : ""}`,
      };
    claimedBy.set(variant.id, listing.sku?.trim() ?? "");
    return { listingId: listing.id, ok: true, variantId: variant.id, sku: variant.sku };
  });
}
