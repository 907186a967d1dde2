import { z } from "zod";

export const stockFilterOptions = [
  { value: "all", label: "All stock" },
  { value: "low", label: "Low stock" },
  { value: "out", label: "Out of stock" },
  { value: "oversold", label: "Oversold" },
  { value: "drift", label: "Drift" },
] as const;

export type StockFilterValue = (typeof stockFilterOptions)[number]["value"];

const querySchema = z.object({
  stock: z.enum(["all", "low", "out", "oversold", "drift"]).catch("all").default("all"),
  shop: z.uuid().optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
});

export type InventoryQuery = { stock: StockFilterValue; shop?: string | undefined; q?: string | undefined };

/** The page's filters from the URL (parsed, never trusted: anything invalid falls back to all). */
export function parseInventoryQuery(params: URLSearchParams): InventoryQuery {
  const parsed = querySchema.parse({
    stock: params.get("stock") ?? undefined,
    shop: params.get("shop") ?? undefined,
    q: params.get("q") || undefined,
  });
  return { stock: parsed.stock, shop: parsed.shop, q: parsed.q || undefined };
}

export function inventoryQueryToSearch(query: InventoryQuery): string {
  const params = new URLSearchParams();
  if (query.stock !== "all") params.set("stock", query.stock);
  if (query.shop) params.set("shop", query.shop);
  if (query.q) params.set("q", query.q);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The list / export input for the filters. */
export function toStockQuery(query: InventoryQuery) {
  return {
    stock: query.stock,
    ...(query.shop ? { connectionId: query.shop } : {}),
    ...(query.q ? { search: query.q } : {}),
  };
}

/** The export route's URL for the filters. */
export function exportUrl(query: InventoryQuery): string {
  const params = new URLSearchParams();
  if (query.stock !== "all") params.set("stock", query.stock);
  if (query.shop) params.set("connectionId", query.shop);
  if (query.q) params.set("search", query.q);
  const text = params.toString();
  return `/api/inventory/export${text ? `?${text}` : ""}`;
}
