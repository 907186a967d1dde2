import { currencyExponent, minorToMajor } from "@syncstore/domain";
import { formatMoney } from "@/modules/catalog/utils/format-money";

export function formatPercent(value: number | null, digits = 1): string {
  return value === null ? "–" : `${(value * 100).toFixed(digits)}%`;
}

export function formatNumber(value: number | null, digits = 0): string {
  return value === null ? "–" : value.toLocaleString(undefined, { maximumFractionDigits: digits });
}

/** "12 Mar, 10:42" in the viewer's zone, or "never". */
export function formatStamp(iso: string | null): string {
  if (!iso) return "never";
  const at = new Date(iso);
  return at.toLocaleString(undefined, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
}

/** Change against the previous period, e.g. "+12.5%"; null when there is nothing to compare. */
export function formatChange(current: number, previous: number): string | null {
  if (previous === 0) return current === 0 ? null : "new";
  const change = (current - previous) / previous;
  return `${change >= 0 ? "+" : ""}${(change * 100).toFixed(1)}%`;
}

/**
 * A chart's money values: plotted in major units of the currency (`minorToMajor`, so a VND shop's
 * bars are not a hundredth of their size) and shown with the currency in the tooltip.
 */
export function chartMoney(currency: string) {
  return {
    plot: (minor: number) => minorToMajor(minor, currency),
    tooltip: (value: unknown) =>
      typeof value === "number"
        ? formatMoney(Math.round(value * 10 ** currencyExponent(currency)), currency)
        : String(value),
  };
}

/** A chart label cut to `max` characters with an ellipsis (the table beside it shows it whole). */
export function shortLabel(name: string, max: number): string {
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}
