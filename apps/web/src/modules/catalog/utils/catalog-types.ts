/**
 * The catalog API's shapes as the grid uses them (the `catalog.*` tRPC contract). Kept in one
 * place so the grid's code reads the same names as the server's.
 */
export type ProductStatus = "draft" | "active" | "archived";

export interface VariantRow {
  variantId: string;
  productId: string;
  productTitle: string;
  sku: string;
  options: Record<string, string>;
  price: number;
  compareAtPrice: number | null;
  cost: number | null;
  barcode: string | null;
  weightGrams: number | null;
  stockOnHand: number;
  status: ProductStatus;
  brand: string | null;
  categoryId: string | null;
  categoryPath: string | null;
  tags: string[];
  productVersion: number;
  variantVersion: number;
  position: number;
  updatedAt: Date;
}

export interface CategoryOption {
  id: string;
  name: string;
  path: string;
}

export const productStatuses = ["draft", "active", "archived"] as const satisfies readonly ProductStatus[];

export const sortFields = [
  "title",
  "sku",
  "price",
  "compareAtPrice",
  "cost",
  "stockOnHand",
  "status",
  "brand",
  "category",
  "updatedAt",
] as const;
export type SortField = (typeof sortFields)[number];
export type SortItem = { field: SortField; direction: "asc" | "desc" };
