import { text } from "../text";
import { z } from "zod";
import {
  barcodeField,
  brandField,
  compareAtPriceField,
  costField,
  priceField,
  skuField,
  statusField,
  stockField,
  tagsField,
  titleField,
  weightGramsField,
} from "./fields";

/**
 * Whole-product schemas for the product editor and its API (create, update): the same field
 * rules as the grid cells plus description, images, attributes and variant options.
 */

export const MAX_VARIANTS = 100;
export const MAX_IMAGES = 20;
export const MAX_ATTRIBUTES = 50;

export const descriptionField = text().max(20_000, "Description must be at most 20,000 characters").nullable();

export const imageUrlField = text()
  .trim()
  .max(2048, "Image URL must be at most 2048 characters")
  .refine((value) => /^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value), "Image URL must be an http(s) URL");

export const imagesField = z.array(imageUrlField).max(MAX_IMAGES, `At most ${MAX_IMAGES} images`);

export const attributeSchema = z.strictObject({
  key: text().trim().min(1, "Name is required").max(100, "Name must be at most 100 characters"),
  value: text().trim().max(1000, "Value must be at most 1000 characters"),
});

export const attributesField = z
  .array(attributeSchema)
  .max(MAX_ATTRIBUTES, `At most ${MAX_ATTRIBUTES} attributes`)
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      const key = row.key.trim().toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: [index, "key"], message: "This name is used twice" });
      seen.add(key);
    });
  });

export const optionNameField = text()
  .trim()
  .min(1, "Option name is required")
  .max(50, "Option name must be at most 50 characters");
export const optionValueField = text().trim().max(100, "Option value must be at most 100 characters");

/** Option values of a variant, e.g. { colour: "Black", size: "M" }. */
export const variantOptionsField = z
  .record(optionNameField, optionValueField)
  .refine((o) => Object.keys(o).length <= 5, {
    message: "At most 5 options",
  });

export const productFieldsSchema = z.strictObject({
  title: titleField,
  description: descriptionField,
  brand: brandField,
  categoryId: z.uuid("Category must be a valid id").nullable(),
  status: statusField,
  tags: tagsField,
  images: imagesField,
  attributes: attributesField,
});
export type ProductFields = z.infer<typeof productFieldsSchema>;

export const productVariantInputSchema = z.strictObject({
  /** Absent for a new variant. */
  id: z.uuid().optional(),
  /** The version the editor loaded (required with `id`): a variant changed since is a conflict. */
  version: z.number().int().min(1).optional(),
  sku: skuField,
  options: variantOptionsField,
  price: priceField,
  compareAtPrice: compareAtPriceField,
  cost: costField,
  barcode: barcodeField,
  weightGrams: weightGramsField,
  stockOnHand: stockField,
  /**
   * Compare-and-set for `stockOnHand` of an existing variant: the on hand the editor loaded. When
   * an order (or anyone) moved it since, the save is a conflict and writes nothing.
   */
  expectedStockOnHand: z.number().int().min(0).optional(),
});
export type ProductVariantInput = z.infer<typeof productVariantInputSchema>;

/** SKUs must differ within one product (case-insensitively), reported at the later variant. */
function uniqueSkus(variants: { sku: string }[], ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  variants.forEach((variant, index) => {
    const key = variant.sku.trim().toLowerCase();
    const first = seen.get(key);
    if (first !== undefined && key)
      ctx.addIssue({ code: "custom", path: [index, "sku"], message: `SKU is also used by variant ${first + 1}` });
    else seen.set(key, index);
  });
}

export const productVariantsField = z
  .array(productVariantInputSchema)
  .min(1, "A product needs at least one variant")
  .max(MAX_VARIANTS, `At most ${MAX_VARIANTS} variants`)
  .superRefine(uniqueSkus);

export const createProductSchema = productFieldsSchema.extend({ variants: productVariantsField });
export type CreateProductInput = z.infer<typeof createProductSchema>;

export const updateProductSchema = productFieldsSchema.extend({
  id: z.uuid(),
  productVersion: z.number().int().min(1),
  variants: productVariantsField,
  /** Existing variants to delete (every existing variant must be listed or removed). */
  removedVariantIds: z.array(z.uuid()).max(MAX_VARIANTS).default([]),
});
export type UpdateProductInput = z.infer<typeof updateProductSchema>;
