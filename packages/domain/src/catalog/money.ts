/**
 * Money is an integer count of minor units (cents) with the organization's currency beside it;
 * never a float. These helpers convert at the edges (forms, CSV, marketplace APIs).
 */

/** Minor units per major unit for the currencies we sell in (ISO 4217 exponents). */
const exponents: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, IDR: 0, CLP: 0, TWD: 0, HUF: 2, BHD: 3, KWD: 3 };

export function currencyExponent(currency: string): number {
  return exponents[currency.toUpperCase()] ?? 2;
}

/** "1234.5" → 123450 for a 2-decimal currency; null when the text is not an exact amount. */
export function parseMinor(text: string, currency: string): number | null {
  const exponent = currencyExponent(currency);
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const [, sign, whole = "0", fraction = ""] = match;
  if (fraction.length > exponent) return null;
  const minor = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, "0") || "0");
  if (!Number.isSafeInteger(minor)) return null;
  return sign ? -minor : minor;
}

/** 123450 → "1234.50" (plain, for inputs and CSV). */
export function formatMinor(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  if (exponent === 0) return `${sign}${abs}`;
  const scale = 10 ** exponent;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(exponent, "0")}`;
}

/**
 * 123450 → 1234.5 for a 2-decimal currency, 1500 → 1500 for VND: an amount in major units for
 * plotting (chart axes and bar lengths). Never stored or sent: money stays in minor units.
 */
export function minorToMajor(minor: number, currency: string): number {
  return minor / 10 ** currencyExponent(currency);
}
