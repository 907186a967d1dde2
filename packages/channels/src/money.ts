import { ChannelError } from "./errors";

/**
 * Prices cross the platform boundary here. Inside SyncStore a price is a decimal string; Shopee
 * speaks JSON numbers and TikTok decimal strings, so conversion happens once, with the currency's
 * decimals, and never rounds silently.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Shopee regions whose prices carry two decimals; the others take integers (marketplaces.md). */
const shopeeTwoDecimalRegions = new Set(["SG", "MY", "BR", "MX", "PL", "ES", "AR"]);

export function shopeePriceDecimals(region: string | null | undefined): number {
  // Unknown region: allow two decimals rather than refusing valid prices; the platform decides.
  if (!region) return 2;
  return shopeeTwoDecimalRegions.has(region.toUpperCase()) ? 2 : 0;
}

/**
 * Normalises a decimal string to exactly `decimals` places, refusing (VALIDATION) values that
 * would need rounding: rounding is a pricing rule, decided before the adapter.
 */
export function toFixedDecimal(amount: string, decimals: number): string {
  const match = DECIMAL.exec(amount.trim());
  if (!match) throw new ChannelError("VALIDATION", `Price "${amount}" is not a decimal number`);
  const [, sign = "", whole = "0", fraction = ""] = match;
  if (sign) throw new ChannelError("VALIDATION", `Price "${amount}" is negative`);
  const extra = fraction.slice(decimals);
  if (/[1-9]/.test(extra)) {
    throw new ChannelError("VALIDATION", `Price "${amount}" has more than ${decimals} decimals for this marketplace`);
  }
  const kept = fraction.slice(0, decimals).padEnd(decimals, "0");
  const integer = whole.replace(/^0+(?=\d)/, "");
  return decimals > 0 ? `${integer}.${kept}` : integer;
}

/**
 * A platform float (Shopee `original_price`) as a decimal string. JSON numbers with two decimals
 * survive the float round trip exactly when printed with toFixed at that precision.
 */
export function decimalFromNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) throw new ChannelError("VALIDATION", `Price ${value} is not finite`);
  return value.toFixed(decimals);
}
