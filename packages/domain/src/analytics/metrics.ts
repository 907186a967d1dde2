/**
 * Product and stock formulas of the Analytics page. Neither marketplace gives a conversion rate,
 * so these are ours, and the page shows each formula beside its figure.
 */
export const metricFormulas = {
  clickThroughRate: "Click-through rate = page views ÷ impressions (TikTok Shop only; Shopee reports no impressions).",
  conversion: "Conversion = units sold ÷ page views.",
  sellThrough: "Sell-through = units sold in the period ÷ (units sold + units on hand now).",
  daysOfCover: "Days of cover = units available now ÷ average units sold per day in the period.",
  abc: "ABC classes by revenue: A = the products making the first 80% of revenue, B = the next 15%, C = the rest.",
  overstock: "Overstock = more than 90 days of cover at the period's sales velocity (or stock with no sales).",
  derived:
    "Shopee reports cumulative counters only: its daily views and sales are derived from the differences between daily snapshots.",
} as const;

export const OVERSTOCK_DAYS = 90;

export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

export function sellThrough(unitsSold: number, onHand: number): number | null {
  return ratio(unitsSold, unitsSold + Math.max(0, onHand));
}

/** Null when nothing sold (infinite cover). */
export function daysOfCover(available: number, unitsSold: number, days: number): number | null {
  if (unitsSold <= 0 || days <= 0) return null;
  return Math.max(0, available) / (unitsSold / days);
}

export type AbcClass = "A" | "B" | "C";

/** ABC classes by revenue: sorted descending, A while the running share before the item is < 80%, B < 95%. */
export function abcClasses<T extends { key: string; revenue: number }>(items: readonly T[]): Map<string, AbcClass> {
  const sorted = [...items].sort((a, b) => b.revenue - a.revenue || a.key.localeCompare(b.key));
  const total = sorted.reduce((sum, item) => sum + Math.max(0, item.revenue), 0);
  const classes = new Map<string, AbcClass>();
  let running = 0;
  for (const item of sorted) {
    const share = total > 0 ? running / total : 1;
    classes.set(item.key, share < 0.8 && item.revenue > 0 ? "A" : share < 0.95 && item.revenue > 0 ? "B" : "C");
    running += Math.max(0, item.revenue);
  }
  return classes;
}

/** Upper bounds (ms) of the push-latency histogram buckets; the last bucket is open-ended. */
export const latencyBucketsMs = [50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, 30000] as const;

export function latencyBucket(durationMs: number): number {
  const index = latencyBucketsMs.findIndex((bound) => durationMs <= bound);
  return index === -1 ? latencyBucketsMs.length : index;
}

/** A percentile (0–1) read from summed histograms: the upper bound of the bucket that reaches it. */
export function histogramPercentile(counts: readonly number[], p: number): number | null {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.ceil(p * total);
  let seen = 0;
  for (let i = 0; i < counts.length; i += 1) {
    seen += counts[i] ?? 0;
    if (seen >= rank) return latencyBucketsMs[i] ?? latencyBucketsMs[latencyBucketsMs.length - 1] ?? null;
  }
  return null;
}

export function addHistograms(a: readonly number[], b: readonly number[]): number[] {
  const length = Math.max(a.length, b.length);
  return Array.from({ length }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));
}

/** Exact percentile of values by the nearest-rank method (what `percentile_disc` returns). */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? null;
}
