import { currencyExponent } from "@syncstore/domain";

const formatters = new Map<string, Intl.NumberFormat>();

/** Minor units → "$1,234.50" in the organization's currency. */
export function formatMoney(minor: number, currency: string): string {
  let formatter = formatters.get(currency);
  if (!formatter) {
    const digits = currencyExponent(currency);
    formatter = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(currency, formatter);
  }
  return formatter.format(minor / 10 ** currencyExponent(currency));
}
