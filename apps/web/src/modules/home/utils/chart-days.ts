/** A day from the server: "YYYY-MM-DD" means that calendar day, not midnight UTC. */
export function parseDay(day: string | Date): Date {
  if (day instanceof Date) return day;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match) return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(day);
}

export type ChartBar = { key: string; label: string; fullLabel: string; count: number; heightPercent: number };

/** Bars scaled to the busiest day; a quiet day still shows a sliver, an empty one nothing. */
export function toChartBars(days: { day: string | Date; count: number }[], locale?: string): ChartBar[] {
  const max = Math.max(0, ...days.map((d) => d.count));
  return days.map(({ day, count }) => {
    const date = parseDay(day);
    return {
      key: date.toISOString(),
      label: date.toLocaleDateString(locale, { weekday: "short" }),
      fullLabel: date.toLocaleDateString(locale, { weekday: "long", month: "short", day: "numeric" }),
      count,
      heightPercent: count === 0 || max === 0 ? 0 : Math.max(4, Math.round((count / max) * 100)),
    };
  });
}
