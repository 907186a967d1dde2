import { conflictFieldGroups } from "@syncstore/domain";
import { z } from "zod";

/** The Conflicts page's filters as they live in the URL (parsed, never trusted). */
export const conflictFiltersSchema = z.object({
  shop: z.uuid().optional().catch(undefined),
  group: z.enum(conflictFieldGroups).optional().catch(undefined),
  product: z.uuid().optional().catch(undefined),
  age: z.enum(["1d", "7d", "older"]).optional().catch(undefined),
  open: z.uuid().optional().catch(undefined),
});

export type ConflictFilters = z.infer<typeof conflictFiltersSchema>;

export function parseConflictFilters(params: URLSearchParams): ConflictFilters {
  return conflictFiltersSchema.parse({
    shop: params.get("shop") ?? undefined,
    group: params.get("group") ?? undefined,
    product: params.get("product") ?? undefined,
    age: params.get("age") ?? undefined,
    open: params.get("open") ?? undefined,
  });
}

export function conflictFiltersToSearch(filters: ConflictFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function toConflictListInput(filters: ConflictFilters) {
  return {
    ...(filters.shop ? { connectionId: filters.shop } : {}),
    ...(filters.group ? { fieldGroup: filters.group } : {}),
    ...(filters.product ? { productId: filters.product } : {}),
    ...(filters.age ? { age: filters.age } : {}),
  };
}
