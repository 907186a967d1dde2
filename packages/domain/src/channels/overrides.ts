import { text } from "../text";
import { z } from "zod";
import { ListingRuleParseError, parseListingPriceRule } from "./listing";

/**
 * A listing's per-channel overrides as the product page edits them. `priceRule` is the text the
 * merchant types ("19.90", "+8%", "-2.00", "+8% .99"; empty = master price); the server parses
 * it with the organization's currency.
 */
const optionalText = (label: string, max: number) =>
  text()
    .trim()
    .max(max, `${label} must be at most ${max.toLocaleString("en")} characters`)
    .nullable()
    .transform((value) => (value ? value : null));

export const listingOverridesFields = {
  titleOverride: optionalText("Title", 255),
  descriptionOverride: optionalText("Description", 10_000),
  priceRule: text().trim().max(40, "Price rule must be at most 40 characters"),
  enabled: z.boolean(),
};

export const listingOverridesSchema = z.strictObject(listingOverridesFields);
export type ListingOverridesInput = z.input<typeof listingOverridesSchema>;

/** The same schema with the price rule checked in `currency`, for forms (errors at the field). */
export function listingOverridesFormSchema(currency: string) {
  return listingOverridesSchema.superRefine((value, ctx) => {
    try {
      parseListingPriceRule(value.priceRule, currency);
    } catch (error) {
      if (!(error instanceof ListingRuleParseError)) throw error;
      ctx.addIssue({ code: "custom", path: ["priceRule"], message: error.message });
    }
  });
}
