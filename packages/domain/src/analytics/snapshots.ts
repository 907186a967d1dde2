import { addDays } from "./sales";

export interface CounterSnapshot {
  /** The shop-local date the snapshot was the first of. */
  date: string;
  views: number;
  sales: number;
  likes: number;
}

export interface DerivedDay {
  date: string;
  views: number;
  sales: number;
  likes: number;
  /** Always true: these figures are differences of cumulative counters, not the platform's own. */
  derived: true;
}

/**
 * Daily figures from cumulative counters (Shopee `get_item_extra_info`): the figure of day D is
 * the first snapshot of D + 1 minus the first snapshot of D. Days without both snapshots are left
 * out rather than guessed; a counter that went down (the platform recounted) gives 0, not a
 * negative day.
 */
export function deriveDailyFromSnapshots(snapshots: readonly CounterSnapshot[]): DerivedDay[] {
  const byDate = new Map(snapshots.map((snapshot) => [snapshot.date, snapshot]));
  const out: DerivedDay[] = [];
  for (const snapshot of [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date))) {
    const next = byDate.get(addDays(snapshot.date, 1));
    if (!next) continue;
    out.push({
      date: snapshot.date,
      views: Math.max(0, next.views - snapshot.views),
      sales: Math.max(0, next.sales - snapshot.sales),
      likes: Math.max(0, next.likes - snapshot.likes),
      derived: true,
    });
  }
  return out;
}
