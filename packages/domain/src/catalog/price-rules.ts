import { currencyExponent } from "./money";

/**
 * Bulk price rules, applied to integer minor units. Percentages are given in basis points
 * (1000 = 10%) so the arithmetic stays exact; results round half away from zero.
 */
export type PriceRule =
  | { kind: "set"; amount: number }
  | { kind: "change_amount"; amount: number }
  | { kind: "change_percent"; basisPoints: number };

export type PriceEnding = "none" | "99" | "90" | "whole";

export class PriceRuleError extends Error {
  override readonly name = "PriceRuleError";
}

function roundHalfAwayFromZero(numerator: number, denominator: number): number {
  const quotient = Math.trunc(numerator / denominator);
  const remainder = numerator - quotient * denominator;
  if (Math.abs(remainder) * 2 >= denominator) return quotient + Math.sign(numerator);
  return quotient;
}

export function applyPriceRule(price: number, rule: PriceRule): number {
  switch (rule.kind) {
    case "set":
      return rule.amount;
    case "change_amount":
      return price + rule.amount;
    case "change_percent":
      return price + roundHalfAwayFromZero(price * rule.basisPoints, 10_000);
  }
}

/**
 * Applies a price ending the way merchants expect charm pricing: ".99" and ".90" keep the whole
 * units and replace the fraction (12.40 → 12.99, 12.40 → 12.90); "whole" rounds to the nearest
 * whole unit (12.49 → 12, 12.50 → 13). Currencies without minor units are left as they are.
 */
export function applyEnding(price: number, ending: PriceEnding, currency: string): number {
  const exponent = currencyExponent(currency);
  if (ending === "none" || exponent === 0) return price;
  const unit = 10 ** exponent;
  const whole = Math.floor(price / unit) * unit;
  switch (ending) {
    case "whole":
      return roundHalfAwayFromZero(price, unit) * unit;
    case "99":
      return whole + unit - 10 ** (exponent - 2);
    case "90":
      return whole + unit - 10 ** (exponent - 1);
  }
}

/** The rule then the ending; a result below zero is an error the preview shows per row. */
export function computePrice(price: number, rule: PriceRule, ending: PriceEnding, currency: string): number {
  const next = applyEnding(applyPriceRule(price, rule), ending, currency);
  if (next < 0) throw new PriceRuleError(`The rule makes the price negative (${next})`);
  return next;
}
