import { text } from "../text";
import { z } from "zod";

/**
 * One definition per catalog field, shared by the API input schemas and the grid's cell
 * validation, so a cell the grid accepts is a cell the server accepts. Money is an integer count
 * of minor units (cents) of the organization's currency.
 */

export const productStatusValues = ["draft", "active", "archived"] as const;
export type ProductStatusValue = (typeof productStatusValues)[number];

export const MAX_STOCK = 1_000_000_000;
export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/;

export const skuField = text()
  .trim()
  .min(1, "SKU is required")
  .max(64, "SKU must be at most 64 characters")
  .regex(
    SKU_PATTERN,
    "SKU may contain letters, digits, dots, dashes, underscores and slashes, and must start with a letter or digit",
  );

export const titleField = text().trim().min(1, "Title is required").max(255, "Title must be at most 255 characters");

export const brandField = text().trim().max(100, "Brand must be at most 100 characters").nullable();

const minor = (label: string) =>
  z
    .number({ message: `${label} must be a number` })
    .int(`${label} must be a whole number of minor units`)
    .min(0, `${label} must not be negative`)
    .max(Number.MAX_SAFE_INTEGER, `${label} is too large`);

export const priceField = minor("Price");
export const compareAtPriceField = minor("Compare-at price").nullable();
export const costField = minor("Cost").nullable();

export const barcodeField = text()
  .trim()
  .max(64, "Barcode must be at most 64 characters")
  .regex(/^[A-Za-z0-9-]*$/, "Barcode may contain letters, digits and dashes")
  .nullable();

export const weightGramsField = z
  .number({ message: "Weight must be a number" })
  .int("Weight must be whole grams")
  .min(0, "Weight must not be negative")
  .max(10_000_000, "Weight must be at most 10,000 kg")
  .nullable();

export const stockField = z
  .number({ message: "Stock must be a number" })
  .int("Stock must be a whole number")
  .min(0, "Stock must not be negative")
  .max(MAX_STOCK, "Stock must be at most 1,000,000,000");

export const statusField = z.enum(productStatusValues, { message: "Status must be draft, active or archived" });

export const tagField = text().trim().min(1, "A tag cannot be empty").max(50, "A tag must be at most 50 characters");
export const tagsField = z
  .array(tagField)
  .max(50, "At most 50 tags")
  .transform((tags) => [...new Set(tags)]);

/** Editable product columns of a grid row (a change touches only the keys it names). */
export const productPatchSchema = z.strictObject({
  title: titleField.optional(),
  brand: brandField.optional(),
  status: statusField.optional(),
  categoryId: z.uuid("Category must be a valid id").nullable().optional(),
  tags: tagsField.optional(),
});
export type ProductPatch = z.infer<typeof productPatchSchema>;

/** Editable variant columns of a grid row; `stockOnHand` is the new absolute on-hand quantity. */
export const variantPatchSchema = z.strictObject({
  sku: skuField.optional(),
  price: priceField.optional(),
  compareAtPrice: compareAtPriceField.optional(),
  cost: costField.optional(),
  barcode: barcodeField.optional(),
  weightGrams: weightGramsField.optional(),
  stockOnHand: stockField.optional(),
});
export type VariantPatch = z.infer<typeof variantPatchSchema>;

/** Grid field name → schema, for validating a single edited cell. */
export const catalogCellSchemas = {
  title: titleField,
  brand: brandField,
  status: statusField,
  tags: tagsField,
  sku: skuField,
  price: priceField,
  compareAtPrice: compareAtPriceField,
  cost: costField,
  barcode: barcodeField,
  weightGrams: weightGramsField,
  stockOnHand: stockField,
} as const;
export type CatalogCellField = keyof typeof catalogCellSchemas;

/** Validates one cell value; returns the parsed value or the first message. */
export function validateCatalogCell(
  field: CatalogCellField,
  value: unknown,
): { ok: true; value: unknown } | { ok: false; message: string } {
  const result = catalogCellSchemas[field].safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, message: result.error.issues[0]?.message ?? "Invalid value" };
}

/** Columns the catalog list can sort by (server and grid). */
export const catalogSortFields = [
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
export type CatalogSortField = (typeof catalogSortFields)[number];
