import type { ColumnKind } from "@syncstore/domain";
import type { CategoryOption, VariantRow } from "./catalog-types";
import { productStatuses } from "./catalog-types";

/** The fields a grid cell can edit, named as `catalog.saveChanges` names them. */
export const productFields = ["title", "status", "brand", "categoryId", "tags"] as const;
export const variantFields = [
  "sku",
  "price",
  "compareAtPrice",
  "cost",
  "barcode",
  "weightGrams",
  "stockOnHand",
] as const;
export type ProductField = (typeof productFields)[number];
export type VariantField = (typeof variantFields)[number];
export type EditableField = ProductField | VariantField;

export type CellValue = string | number | string[] | null;

export type FieldType = "text" | "money" | "integer" | "status" | "category" | "tags";

export interface FieldSpec {
  label: string;
  level: "product" | "variant";
  type: FieldType;
  nullable: boolean;
  maxLength?: number;
  min?: number;
}

export const fieldSpecs: Record<EditableField, FieldSpec> = {
  title: { label: "Title", level: "product", type: "text", nullable: false, maxLength: 255 },
  status: { label: "Status", level: "product", type: "status", nullable: false },
  brand: { label: "Brand", level: "product", type: "text", nullable: true, maxLength: 100 },
  categoryId: { label: "Category", level: "product", type: "category", nullable: true },
  tags: { label: "Tags", level: "product", type: "tags", nullable: false },
  sku: { label: "SKU", level: "variant", type: "text", nullable: false, maxLength: 64 },
  price: { label: "Price", level: "variant", type: "money", nullable: false, min: 0 },
  compareAtPrice: { label: "Compare at", level: "variant", type: "money", nullable: true, min: 0 },
  cost: { label: "Cost", level: "variant", type: "money", nullable: true, min: 0 },
  barcode: { label: "Barcode", level: "variant", type: "text", nullable: true, maxLength: 64 },
  weightGrams: { label: "Weight (g)", level: "variant", type: "integer", nullable: true, min: 0 },
  stockOnHand: { label: "Stock", level: "variant", type: "integer", nullable: false, min: 0 },
};

export function isEditableField(value: string): value is EditableField {
  return value in fieldSpecs;
}

/** The row's stored value of a field (the row names the product title `productTitle`). */
export function rowValue(row: VariantRow, field: EditableField): CellValue {
  return field === "title" ? row.productTitle : row[field];
}

/** The coercion `@syncstore/domain` applies to pasted text for this field. */
export function columnKind(field: EditableField, currency: string, categories: readonly CategoryOption[]): ColumnKind {
  const spec = fieldSpecs[field];
  switch (spec.type) {
    case "money":
      return { type: "money", currency, min: spec.min };
    case "integer":
      return { type: "integer", min: spec.min };
    case "status":
      return { type: "enum", values: productStatuses };
    case "category":
      return { type: "enum", values: categories.map((category) => category.path) };
    case "text":
    case "tags":
      return { type: "text", maxLength: spec.maxLength, required: !spec.nullable && spec.type === "text" };
  }
}

export function sameValue(a: CellValue, b: CellValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => item === b[index]);
  }
  return a === b;
}
