import { currencyExponent, parseMinor } from "../catalog/money";
import { computePrice, type PriceEnding, type PriceRule } from "../catalog/price-rules";

/**
 * Per-channel overrides of a listing. The price is an absolute amount (`set`) or a rule on the
 * master price (+8 %, -2.00), then an optional ending. Stock follows the listing's stock rule (inventory/allocation).
 */
export type ListingPriceRule = PriceRule & { ending?: PriceEnding };

/** The price a channel should show, in minor units; null when the rule would make it negative. */
export function listingPrice(masterPrice: number, rule: ListingPriceRule | null, currency: string): number | null {
  if (!rule) return masterPrice;
  try {
    return computePrice(masterPrice, rule, rule.ending ?? "none", currency);
  } catch {
    return null;
  }
}

export class ListingRuleParseError extends Error {
  override readonly name = "ListingRuleParseError";
}

/**
 * Reads what a merchant types in a price-override cell: "19.90" (absolute), "+8%", "-5%",
 * "+2.00", "-1.50", optionally followed by an ending: "+8% .99", "+8% .90", "+8% whole".
 * Empty text clears the override (null).
 */
export function parseListingPriceRule(text: string, currency: string): ListingPriceRule | null {
  const trimmed = text.trim().replace(/\s+/g, " ");
  if (trimmed === "") return null;
  const match = /^([+-]?)\s?([\d.,]+)\s?(%?)(?: (\.99|\.90|whole))?$/i.exec(trimmed);
  if (!match) {
    throw new ListingRuleParseError(`"${text}" is not a price or rule: use 19.90, +8%, -2.00 or +8% .99`);
  }
  const [, sign = "", number = "", percent, endingText] = match;
  const ending: PriceEnding = endingText
    ? endingText.toLowerCase() === "whole"
      ? "whole"
      : endingText === ".99"
        ? "99"
        : "90"
    : "none";
  const plain = number.replace(/,/g, "");
  if (percent) {
    const basis = parseMinor(plain, "XXX"); // two decimals: basis points of a percent
    if (basis === null || basis === 0) throw new ListingRuleParseError(`"${text}" is not a percentage`);
    return { kind: "change_percent", basisPoints: sign === "-" ? -basis : basis, ending };
  }
  const amount = parseMinor(plain, currency);
  if (amount === null) {
    const exponent = currencyExponent(currency);
    throw new ListingRuleParseError(`"${text}" is not an amount in ${currency} (at most ${exponent} decimals)`);
  }
  if (sign === "") return { kind: "set", amount, ending };
  return { kind: "change_amount", amount: sign === "-" ? -amount : amount, ending };
}

/** The inverse of `parseListingPriceRule`, for showing a rule in a cell or a form. */
export function formatListingPriceRule(rule: ListingPriceRule | null, currency: string): string {
  if (!rule) return "";
  const exponent = currencyExponent(currency);
  const money = (minor: number) => {
    const abs = Math.abs(minor);
    return exponent === 0 ? String(abs) : (abs / 10 ** exponent).toFixed(exponent);
  };
  const ending =
    rule.ending === "99" ? " .99" : rule.ending === "90" ? " .90" : rule.ending === "whole" ? " whole" : "";
  switch (rule.kind) {
    case "set":
      return `${money(rule.amount)}${ending}`;
    case "change_amount":
      return `${rule.amount < 0 ? "-" : "+"}${money(rule.amount)}${ending}`;
    case "change_percent": {
      const pct = Math.abs(rule.basisPoints) / 100;
      return `${rule.basisPoints < 0 ? "-" : "+"}${Number.isInteger(pct) ? pct : pct.toFixed(2)}%${ending}`;
    }
  }
}
