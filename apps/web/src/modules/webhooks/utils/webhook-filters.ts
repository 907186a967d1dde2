import { z } from "zod";

/** The log's filters as they live in the URL (parsed, never trusted). */
export const webhookFiltersSchema = z.object({
  platform: z.enum(["shopee", "tiktok"]).optional().catch(undefined),
  status: z.enum(["received", "processed", "failed", "unknown_shop", "ignored"]).optional().catch(undefined),
  shop: z.uuid().optional().catch(undefined),
  q: z.string().trim().min(1).max(200).optional().catch(undefined),
});

export type WebhookFilters = z.infer<typeof webhookFiltersSchema>;

export function parseWebhookFilters(params: URLSearchParams): WebhookFilters {
  return webhookFiltersSchema.parse({
    platform: params.get("platform") ?? undefined,
    status: params.get("status") ?? undefined,
    shop: params.get("shop") ?? undefined,
    q: params.get("q") ?? undefined,
  });
}

export function webhookFiltersToSearch(filters: WebhookFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function hasActiveFilters(filters: WebhookFilters): boolean {
  return Object.values(filters).some(Boolean);
}

/** The list procedure's input for the filters. */
export function toListInput(filters: WebhookFilters) {
  return {
    ...(filters.platform ? { platform: filters.platform } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.shop ? { connectionId: filters.shop } : {}),
    ...(filters.q ? { search: filters.q } : {}),
  };
}
