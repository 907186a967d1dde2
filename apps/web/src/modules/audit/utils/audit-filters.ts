import { z } from "zod";

const token = z
  .string()
  .trim()
  .regex(/^[\w.:-]{1,100}$/);
const day = z.iso.date();

/** Filters as they live in the URL. Each value is checked alone: one bad value drops only itself. */
export const auditFiltersSchema = z.object({
  actor: token.optional().catch(undefined),
  action: token.optional().catch(undefined),
  entity: token.optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
});

export type AuditFilters = z.infer<typeof auditFiltersSchema>;
export const filterKeys = [
  "actor",
  "action",
  "entity",
  "from",
  "to",
] as const satisfies readonly (keyof AuditFilters)[];

export function parseAuditFilters(params: URLSearchParams): AuditFilters {
  const raw = Object.fromEntries(filterKeys.map((key) => [key, params.get(key) ?? undefined]));
  const filters = auditFiltersSchema.parse(raw);
  // A reversed range is a slip, not a request for nothing.
  if (filters.from && filters.to && filters.from > filters.to) {
    return { ...filters, from: filters.to, to: filters.from };
  }
  return filters;
}

export function auditFiltersToSearch(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const key of filterKeys) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  const search = params.toString();
  return search ? `?${search}` : "";
}

export function hasActiveFilters(filters: AuditFilters): boolean {
  return filterKeys.some((key) => Boolean(filters[key]));
}

function localDay(value: string, endOfDay: boolean): Date {
  const [year, month, dayOfMonth] = value.split("-").map(Number) as [number, number, number];
  return endOfDay
    ? new Date(year, month - 1, dayOfMonth, 23, 59, 59, 999)
    : new Date(year, month - 1, dayOfMonth, 0, 0, 0, 0);
}

/** The `audit.list` input: whole days in the viewer's time zone, both ends included. */
export function toAuditListInput(filters: AuditFilters) {
  return {
    actorId: filters.actor,
    action: filters.action,
    entity: filters.entity,
    from: filters.from ? localDay(filters.from, false) : undefined,
    to: filters.to ? localDay(filters.to, true) : undefined,
  };
}

/** The CSV download of the log with these filters (day bounds sent as instants of the viewer's zone). */
export function auditExportHref(filters: AuditFilters): string {
  const input = toAuditListInput(filters);
  const params = new URLSearchParams();
  if (input.actorId) params.set("actorId", input.actorId);
  if (input.action) params.set("action", input.action);
  if (input.entity) params.set("entity", input.entity);
  if (input.from) params.set("from", input.from.toISOString());
  if (input.to) params.set("to", input.to.toISOString());
  const search = params.toString();
  return `/api/audit/export${search ? `?${search}` : ""}`;
}
