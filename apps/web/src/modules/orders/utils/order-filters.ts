import { z } from "zod";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00`)));

/** The Orders page's filters as they live in the URL (parsed, never trusted). */
export const orderFiltersSchema = z.object({
  shop: z.uuid().optional().catch(undefined),
  status: z.enum(["open", "shipped", "delivered", "cancelled", "returned"]).optional().catch(undefined),
  /** First day placed (yyyy-mm-dd, local). */
  from: day.optional().catch(undefined),
  /** Last day placed, inclusive. */
  to: day.optional().catch(undefined),
  sku: z.string().trim().min(1).max(100).optional().catch(undefined),
  q: z.string().trim().min(1).max(100).optional().catch(undefined),
  oversold: z.literal("1").optional().catch(undefined),
  unmatched: z.literal("1").optional().catch(undefined),
});

export type OrderFilters = z.infer<typeof orderFiltersSchema>;
const keys = Object.keys(orderFiltersSchema.shape) as (keyof OrderFilters)[];

export function parseOrderFilters(params: URLSearchParams): OrderFilters {
  return orderFiltersSchema.parse(Object.fromEntries(keys.map((key) => [key, params.get(key) ?? undefined])));
}

export function orderFiltersToSearch(filters: OrderFilters): string {
  const params = new URLSearchParams();
  for (const key of keys) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function hasActiveFilters(filters: OrderFilters): boolean {
  return keys.some((key) => Boolean(filters[key]));
}

const startOfDay = (value: string) => new Date(`${value}T00:00:00`);
const nextDay = (value: string) => {
  const date = startOfDay(value);
  date.setDate(date.getDate() + 1);
  return date;
};

/** The list procedure's input (and the CSV export's `filter`): days become the local day's bounds. */
export function toListInput(filters: OrderFilters) {
  return {
    ...(filters.shop ? { connectionId: filters.shop } : {}),
    ...(filters.status ? { phase: filters.status } : {}),
    ...(filters.from ? { from: startOfDay(filters.from) } : {}),
    ...(filters.to ? { to: nextDay(filters.to) } : {}),
    ...(filters.sku ? { sku: filters.sku } : {}),
    ...(filters.q ? { search: filters.q } : {}),
    ...(filters.oversold ? { oversold: true } : {}),
    ...(filters.unmatched ? { unmatched: true } : {}),
  };
}

/** The CSV download of the current filter. */
export function exportHref(filters: OrderFilters): string {
  return `/api/orders/export?filter=${encodeURIComponent(JSON.stringify(toListInput(filters)))}`;
}
