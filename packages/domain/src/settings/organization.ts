import { text } from "../text";
import { z } from "zod";
import { organizationNameSchema } from "../account";
import { currencyCodeSchema, exchangeRateValueSchema, roundingRuleSchema } from "./currency";

/** Form schemas of Settings → Organization, shared by the forms and the procedures. */

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .trim()
  .min(1, "Choose a time zone")
  .refine(isTimeZone, "Choose a time zone from the list, e.g. Asia/Kuala_Lumpur");

/** Margin threshold as a percentage with up to two decimals (kept in basis points). */
export const marginThresholdSchema = z
  .number({ error: "Enter a percentage" })
  .min(0, "At least 0%")
  .max(100, "At most 100%")
  .nullable();

export const organizationGeneralSchema = z.object({
  name: organizationNameSchema,
  currency: currencyCodeSchema,
  timeZone: timeZoneSchema,
  marginThresholdPercent: marginThresholdSchema,
});
export type OrganizationGeneralInput = z.infer<typeof organizationGeneralSchema>;

export const exchangeRateInputSchema = z.object({
  currency: currencyCodeSchema,
  rate: exchangeRateValueSchema.nullable(),
  rounding: roundingRuleSchema,
});
export type ExchangeRateInput = z.infer<typeof exchangeRateInputSchema>;

export const deleteOrganizationSchema = z.object({
  confirmation: text().trim().min(1, "Type the organization's name to confirm"),
});

export const transferOwnershipSchema = z.object({
  memberId: text().min(1, "Choose the member who becomes the owner"),
});

/** Currencies offered in the pickers (any ISO code is accepted). */
export const commonCurrencies = [
  "USD",
  "EUR",
  "GBP",
  "SGD",
  "MYR",
  "IDR",
  "THB",
  "VND",
  "PHP",
  "TWD",
  "BRL",
  "MXN",
  "PLN",
  "ARS",
  "COP",
  "CLP",
  "JPY",
  "AUD",
  "CAD",
] as const;
