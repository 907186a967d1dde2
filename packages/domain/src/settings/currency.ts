import { z } from "zod";
import { currencyExponent } from "../catalog/money";
import { listingPrice, type ListingPriceRule } from "../channels/listing";

/**
 * Shop prices in the shop's currency: the master price converted with the organization's rate,
 * rounded by the currency's rule, then the listing's own rule. Amounts are integer minor units;
 * rates are exact decimal strings, so the arithmetic is done in BigInt and never drifts.
 */

/** How a converted price is rounded: charm endings, or to a step of whole units (1, 100 …). */
export type RoundingRule = { kind: "none" } | { kind: "ending"; ending: "99" | "90" } | { kind: "step"; units: number };

export const roundingRuleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("ending"), ending: z.enum(["99", "90"]) }),
  z.object({
    kind: z.literal("step"),
    units: z
      .number({ error: "Enter a whole number of units" })
      .int("Enter a whole number of units")
      .min(1, "At least 1")
      .max(1_000_000, "At most 1,000,000"),
  }),
]);

export const currencyCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "Use a three-letter ISO currency code such as MYR");

/** A rate: how many units of the shop's currency one unit of the organization's currency buys. */
export const exchangeRateValueSchema = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,10})?$/, "Enter a positive number with at most 10 decimals, e.g. 4.7125")
  .refine((value) => Number(value) > 0, "The rate must be greater than 0");

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n * 2n + d) / (2n * d); // half away from zero
  return negative ? -quotient : quotient;
}

export class CurrencyConversionError extends Error {
  override readonly name = "CurrencyConversionError";
}

/** `amount` minor units of `from` → minor units of `to` at `rate` (units of `to` per unit of `from`). */
export function convertMinor(amount: number, from: string, to: string, rate: string): number {
  const parsed = exchangeRateValueSchema.safeParse(rate);
  if (!parsed.success) throw new CurrencyConversionError(`"${rate}" is not an exchange rate`);
  const [whole = "0", fraction = ""] = parsed.data.split(".");
  const rateScaled = BigInt(whole + fraction);
  const rateScale = 10n ** BigInt(fraction.length);
  const shift = currencyExponent(to) - currencyExponent(from);
  let numerator = BigInt(amount) * rateScaled;
  let denominator = rateScale;
  if (shift > 0) numerator *= 10n ** BigInt(shift);
  else if (shift < 0) denominator *= 10n ** BigInt(-shift);
  const result = divideRounded(numerator, denominator);
  if (result > MAX_SAFE || result < -MAX_SAFE) throw new CurrencyConversionError("The converted price is too large");
  return Number(result);
}

/**
 * The inverse: a shop price (minor units of `shopCurrency`) in the organization's currency, for
 * products created from a shop's listings. Null when the currencies differ and no rate is set.
 */
export function toMasterPrice(
  amount: number,
  shopCurrency: string | null,
  masterCurrency: string,
  rate: string | null,
): number | null {
  if (!shopCurrency || shopCurrency.toUpperCase() === masterCurrency.toUpperCase()) return amount;
  if (!rate) return null;
  const parsed = exchangeRateValueSchema.safeParse(rate);
  if (!parsed.success) return null;
  const [whole = "0", fraction = ""] = parsed.data.split(".");
  const rateScaled = BigInt(whole + fraction);
  const rateScale = 10n ** BigInt(fraction.length);
  const shift = currencyExponent(masterCurrency) - currencyExponent(shopCurrency);
  let numerator = BigInt(amount) * rateScale;
  let denominator = rateScaled;
  if (shift > 0) numerator *= 10n ** BigInt(shift);
  else if (shift < 0) denominator *= 10n ** BigInt(-shift);
  return Number(divideRounded(numerator, denominator));
}

/**
 * Applies a currency's rounding rule to a price in minor units. Endings keep the whole units and
 * replace the fraction (23.49 → 23.90); a step rounds to the nearest multiple of that many whole
 * units (12,345 IDR with step 100 → 12,300), never below one step for a positive price.
 */
export function applyRounding(price: number, currency: string, rule: RoundingRule): number {
  const exponent = currencyExponent(currency);
  const unit = 10 ** exponent;
  switch (rule.kind) {
    case "none":
      return price;
    case "ending": {
      if (exponent === 0) return price;
      const whole = Math.floor(price / unit) * unit;
      return whole + unit - 10 ** Math.max(0, exponent - (rule.ending === "99" ? 2 : 1));
    }
    case "step": {
      const step = rule.units * unit;
      const rounded = Number(divideRounded(BigInt(price), BigInt(step)) * BigInt(step));
      return price > 0 && rounded === 0 ? step : rounded;
    }
  }
}

export interface ShopPriceInput {
  masterPrice: number;
  masterCurrency: string;
  /** Null when the shop's currency is not known yet: the organization's currency is assumed. */
  shopCurrency: string | null;
  /** The organization's rate for the shop's currency; null when none is set. */
  rate: string | null;
  rounding: RoundingRule | null;
  rule: ListingPriceRule | null;
}

export type ShopPrice =
  | { ok: true; price: number; currency: string }
  | { ok: false; reason: "no_rate" | "negative"; currency: string; message: string };

export const NO_EXCHANGE_RATE = "NO_EXCHANGE_RATE";

export function noRateMessage(currency: string): string {
  return `Price held: set a ${currency} rate in Settings → Organization; prices are never sent unconverted`;
}

/** The price a listing should show on its shop, or why it must not be sent. */
export function shopPrice(input: ShopPriceInput): ShopPrice {
  const currency = (input.shopCurrency ?? input.masterCurrency).toUpperCase();
  let base = input.masterPrice;
  if (currency !== input.masterCurrency.toUpperCase()) {
    if (!input.rate) return { ok: false, reason: "no_rate", currency, message: noRateMessage(currency) };
    base = convertMinor(input.masterPrice, input.masterCurrency, currency, input.rate);
  }
  const rounded = input.rounding ? applyRounding(base, currency, input.rounding) : base;
  const price = listingPrice(rounded, input.rule, currency);
  if (price === null)
    return {
      ok: false,
      reason: "negative",
      currency,
      message: "The listing's price rule makes the price negative; change the rule or the master price",
    };
  return { ok: true, price, currency };
}

/** Words for a rounding rule, for tables and the audit log. */
export function describeRounding(rule: RoundingRule | null, currency: string): string {
  if (!rule || rule.kind === "none") return "No rounding";
  if (rule.kind === "ending") return `Ends in .${rule.ending}`;
  return rule.units === 1 ? `Whole ${currency}` : `Nearest ${rule.units.toLocaleString("en-US")} ${currency}`;
}
