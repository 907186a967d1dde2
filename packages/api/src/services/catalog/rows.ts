import type { EntityManager } from "@syncstore/db";
import type { VariantSyncStatus } from "@syncstore/domain";
import { variantSyncColumn } from "../sync/variant-status";
import { sqlRows } from "../sql";

export type ProductStatus = "draft" | "active" | "archived";

/** One grid row: a variant with its product's columns. Money in minor units. */
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
  /** The worst state of the variant's listings; the failed listing's reason and shop. */
  syncStatus: VariantSyncStatus;
  syncError: string | null;
  syncChannel: string | null;
}

/**
 * Columns of a VariantRow over `variant v join product p left join stock_level s left join category c`,
 * without the sync status (a per-row listing lookup): the CSV export, which has no sync column, uses these.
 */
export const variantRowBaseColumns = `
  v.id as "variantId", v.product_id as "productId", p.title as "productTitle", v.sku, v.options,
  v.price::text as price, v.compare_at_price::text as "compareAtPrice", v.cost::text as cost, v.barcode,
  v.weight_grams as "weightGrams", coalesce(s.on_hand, 0) as "stockOnHand", p.status, p.brand,
  p.category_id as "categoryId", c.path as "categoryPath", p.tags, p.version as "productVersion",
  v.version as "variantVersion", v.position, greatest(p.updated_at, v.updated_at) as "updatedAt"`;

/** Every column of a VariantRow (the grid's). */
export const variantRowColumns = `${variantRowBaseColumns},
  ${variantSyncColumn}`;

export const variantRowFrom = `
  variant v
  join product p on p.id = v.product_id and p.organization_id = v.organization_id
  left join stock_level s on s.variant_id = v.id
  left join category c on c.id = p.category_id`;

export type RawVariantRow = Omit<
  VariantRow,
  "price" | "compareAtPrice" | "cost" | "syncStatus" | "syncError" | "syncChannel"
> & {
  sync: { state: VariantSyncStatus; error: string | null; channel: string | null } | null;
  price: string;
  compareAtPrice: string | null;
  cost: string | null;
};

/**
 * bigint money arrives as text (exact); every value we store is a safe integer. Builds the row in
 * one object literal, in the columns' order (a grid block maps 100 rows, the export every row).
 */
export function toVariantRow(raw: RawVariantRow): VariantRow {
  const sync = raw.sync;
  return {
    variantId: raw.variantId,
    productId: raw.productId,
    productTitle: raw.productTitle,
    sku: raw.sku,
    options: raw.options,
    price: Number(raw.price),
    compareAtPrice: raw.compareAtPrice === null ? null : Number(raw.compareAtPrice),
    cost: raw.cost === null ? null : Number(raw.cost),
    barcode: raw.barcode,
    weightGrams: raw.weightGrams,
    stockOnHand: raw.stockOnHand,
    status: raw.status,
    brand: raw.brand,
    categoryId: raw.categoryId,
    categoryPath: raw.categoryPath,
    tags: raw.tags,
    productVersion: raw.productVersion,
    variantVersion: raw.variantVersion,
    position: raw.position,
    updatedAt: new Date(raw.updatedAt),
    syncStatus: sync?.state ?? "not_listed",
    syncError: sync?.error ?? null,
    syncChannel: sync?.channel ?? null,
  };
}

/** The rows of these variants in this organization (ids of other organizations are simply absent). */
export async function fetchVariantRows(
  em: EntityManager,
  organizationId: string,
  variantIds: readonly string[],
): Promise<VariantRow[]> {
  if (variantIds.length === 0) return [];
  const rows = await sqlRows<RawVariantRow>(
    em,
    `select ${variantRowColumns} from ${variantRowFrom}
      where v.organization_id = $1 and v.id = any($2::uuid[])
      order by p.title, v.product_id, v.position, v.id`,
    [organizationId, variantIds],
  );
  return rows.map(toVariantRow);
}
