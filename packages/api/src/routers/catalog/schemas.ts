import { productStatusValues, statusField, variantSyncStatuses, text } from "@syncstore/domain";
import { z } from "zod";
import { sortFields } from "../../services/catalog/list-query";

const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const sortSchema = z
  .array(z.strictObject({ field: z.enum(sortFields), direction: z.enum(["asc", "desc"]) }))
  .max(5, "Sort by at most 5 columns");

const range = (value: z.ZodNumber) =>
  z
    .strictObject({ min: value.optional(), max: value.optional() })
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
      message: "The minimum must not exceed the maximum",
      path: ["max"],
    });

export const filterSchema = z.strictObject({
  status: z.array(statusField).max(productStatusValues.length).optional(),
  categoryIds: z.array(z.uuid("Category must be a valid id")).max(200).optional(),
  brands: z.array(text().max(100)).max(500).optional(),
  price: range(minor).optional(),
  stockOnHand: range(z.number().int().min(0).max(1_000_000_000)).optional(),
  title: text().max(255).optional(),
  sku: text().max(64).optional(),
  tags: z.array(text().max(50)).max(100).optional(),
  syncStatus: z.array(z.enum(variantSyncStatuses)).max(variantSyncStatuses.length).optional(),
});

export const variantRowSchema = z.object({
  variantId: text(),
  productId: text(),
  productTitle: text(),
  sku: text(),
  options: z.record(text(), text()),
  price: z.number(),
  compareAtPrice: z.number().nullable(),
  cost: z.number().nullable(),
  barcode: text().nullable(),
  weightGrams: z.number().nullable(),
  stockOnHand: z.number(),
  status: z.enum(productStatusValues),
  brand: text().nullable(),
  categoryId: text().nullable(),
  categoryPath: text().nullable(),
  tags: z.array(text()),
  productVersion: z.number(),
  variantVersion: z.number(),
  position: z.number(),
  updatedAt: z.date(),
  syncStatus: z.enum(variantSyncStatuses),
  syncError: text().nullable(),
  syncChannel: text().nullable(),
});

export const gridStateSchema = z.strictObject({
  columns: z
    .array(
      z.strictObject({
        field: text().min(1).max(100),
        width: z.number().int().min(20).max(2000).optional(),
        hidden: z.boolean().optional(),
        pinned: z.enum(["left", "right"]).nullable().optional(),
      }),
    )
    .max(100),
  sort: sortSchema,
  filter: filterSchema,
});
export type GridState = z.infer<typeof gridStateSchema>;
