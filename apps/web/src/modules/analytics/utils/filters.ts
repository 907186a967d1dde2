import { z } from "zod";

export const rangePresets = [
  { id: "7d", label: "Last 7 days", days: 7 },
  { id: "30d", label: "Last 30 days", days: 30 },
  { id: "90d", label: "Last 90 days", days: 90 },
  { id: "365d", label: "Last 12 months", days: 365 },
] as const;
export type RangePreset = (typeof rangePresets)[number]["id"] | "custom";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The Analytics URL state, parsed with zod: anything malformed falls back to the defaults. */
export const analyticsSearchSchema = z.object({
  range: z.enum(["7d", "30d", "90d", "365d", "custom"]).catch("30d"),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  shops: z
    .string()
    .optional()
    .catch(undefined)
    .transform((value) => (value ? value.split(",").filter((id) => /^[0-9a-f-]{36}$/i.test(id)) : [])),
  compare: z
    .enum(["1", "0"])
    .catch("1")
    .transform((value) => value === "1"),
});
export type AnalyticsSearch = z.infer<typeof analyticsSearchSchema>;

function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const at = new Date(`${day}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return isoDay(at);
}

/** Today's date in an IANA time zone (the organization's: its days are the ones the presets count). */
export function todayIn(timeZone: string, at = new Date()): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
  } catch {
    return isoDay(at);
  }
}

/** The inclusive date range a search selects (presets end yesterday: today is not complete yet). */
export function rangeOf(search: AnalyticsSearch, today = isoDay(new Date())): { from: string; to: string } {
  if (search.range === "custom" && search.from && search.to && search.from <= search.to)
    return { from: search.from, to: search.to };
  const preset = rangePresets.find((p) => p.id === search.range) ?? rangePresets[1];
  const to = addDays(today, -1);
  return { from: addDays(to, -(preset.days - 1)), to };
}

export function previousRangeOf(range: { from: string; to: string }): { from: string; to: string } {
  const days = Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000) + 1;
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}
