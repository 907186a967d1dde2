import { alertGroups } from "@syncstore/domain";
import { z } from "zod";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

/** The Alerts page's filters as they live in the URL (parsed, never trusted). */
export const alertFiltersSchema = z.object({
  state: z.enum(["active", "open", "acknowledged", "resolved", "all"]).default("active").catch("active"),
  severity: z.enum(["info", "warning", "critical"]).optional().catch(undefined),
  group: z.enum(alertGroups).optional().catch(undefined),
  shop: z.uuid().optional().catch(undefined),
  from: day,
  to: day,
  /** One alert to pick out (links from notification emails and the bell). */
  alert: z.uuid().optional().catch(undefined),
});

export type AlertFilters = z.infer<typeof alertFiltersSchema>;

export function parseAlertFilters(params: URLSearchParams): AlertFilters {
  return alertFiltersSchema.parse({
    state: params.get("state") ?? undefined,
    severity: params.get("severity") ?? undefined,
    group: params.get("group") ?? undefined,
    shop: params.get("shop") ?? undefined,
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
    alert: params.get("alert") ?? undefined,
  });
}

export function alertFiltersToSearch(filters: AlertFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value && !(key === "state" && value === "active")) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function hasActiveAlertFilters(filters: AlertFilters): boolean {
  return (
    filters.state !== "active" ||
    Boolean(filters.severity || filters.group || filters.shop || filters.from || filters.to)
  );
}

/** Local calendar days → the list's half-open range ("to" includes the whole day). */
export function toAlertListInput(filters: AlertFilters) {
  const from = filters.from ? new Date(`${filters.from}T00:00:00`) : undefined;
  const to = filters.to ? new Date(`${filters.to}T00:00:00`) : undefined;
  if (to) to.setDate(to.getDate() + 1);
  return {
    state: filters.state,
    ...(filters.severity ? { severity: [filters.severity] } : {}),
    ...(filters.group ? { group: filters.group } : {}),
    ...(filters.shop ? { connectionId: filters.shop } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}
