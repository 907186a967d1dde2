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
