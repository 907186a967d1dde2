import { formatListingPriceRule, type listingOverridesFormSchema, type ListingPriceRule } from "@syncstore/domain";
import type { z } from "zod";

type Schema = ReturnType<typeof listingOverridesFormSchema>;
export type OverridesFormInput = z.input<Schema>;
export type OverridesFormOutput = z.output<Schema>;

export interface ListingOverridesLike {
  titleOverride: string | null;
  descriptionOverride: string | null;
  priceRule: ListingPriceRule | null;
  enabled: boolean;
}

export function overridesFormValues(listing: ListingOverridesLike, currency: string): OverridesFormInput {
  return {
    titleOverride: listing.titleOverride ?? "",
    descriptionOverride: listing.descriptionOverride ?? "",
    priceRule: formatListingPriceRule(listing.priceRule, currency),
    enabled: listing.enabled,
  };
}
