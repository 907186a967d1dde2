/**
 * The catalog API's shapes as the grid uses them (the `catalog.*` tRPC contract). Kept in one
 * place so the grid's code reads the same names as the server's.
 */
import type { RouterOutputs } from "@syncstore/api/types";
import {
  catalogSortFields,
  productStatusValues,
  type CatalogSortField,
  type ProductStatusValue,
} from "@syncstore/domain";

export type ProductStatus = ProductStatusValue;

/** One grid row: exactly what `catalog.listVariants` returns. */
export type VariantRow = RouterOutputs["catalog"]["listVariants"]["rows"][number];

export interface CategoryOption {
  id: string;
  name: string;
  path: string;
}

export const productStatuses = productStatusValues;

export const sortFields = catalogSortFields;
export type SortField = CatalogSortField;
export type SortItem = { field: SortField; direction: "asc" | "desc" };
