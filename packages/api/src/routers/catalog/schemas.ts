import { productStatusValues, statusField, variantSyncStatuses } from "@syncstore/domain";
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
  brands: z.array(z.string().max(100)).max(500).optional(),
  price: range(minor).optional(),
  stockOnHand: range(z.number().int().min(0).max(1_000_000_000)).optional(),
  title: z.string().max(255).optional(),
  sku: z.string().max(64).optional(),
  tags: z.array(z.string().max(50)).max(100).optional(),
  syncStatus: z.array(z.enum(variantSyncStatuses)).max(variantSyncStatuses.length).optional(),
});

export const variantRowSchema = z.object({
  variantId: z.string(),
  productId: z.string(),
  productTitle: z.string(),
  sku: z.string(),
  options: z.record(z.string(), z.string()),
  price: z.number(),
  compareAtPrice: z.number().nullable(),
  cost: z.number().nullable(),
  barcode: z.string().nullable(),
  weightGrams: z.number().nullable(),
  stockOnHand: z.number(),
  status: z.enum(productStatusValues),
  brand: z.string().nullable(),
  categoryId: z.string().nullable(),
  categoryPath: z.string().nullable(),
  tags: z.array(z.string()),
  productVersion: z.number(),
  variantVersion: z.number(),
  position: z.number(),
  updatedAt: z.date(),
  syncStatus: z.enum(variantSyncStatuses),
  syncError: z.string().nullable(),
  syncChannel: z.string().nullable(),
});

export const gridStateSchema = z.strictObject({
  columns: z
    .array(
      z.strictObject({
        field: z.string().min(1).max(100),
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
