import { productStatusValues } from "@syncstore/domain";
import { z } from "zod";

export const productDetailSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  brand: z.string().nullable(),
  categoryId: z.string().nullable(),
  categoryPath: z.string().nullable(),
  status: z.enum(productStatusValues),
  tags: z.array(z.string()),
  images: z.array(z.string()),
  attributes: z.array(z.object({ key: z.string(), value: z.string() })),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
  currency: z.string(),
  variants: z.array(
    z.object({
      id: z.string(),
      sku: z.string(),
      options: z.record(z.string(), z.string()),
      price: z.number(),
      compareAtPrice: z.number().nullable(),
      cost: z.number().nullable(),
      barcode: z.string().nullable(),
      weightGrams: z.number().nullable(),
      stockOnHand: z.number(),
      reserved: z.number(),
      position: z.number(),
      version: z.number(),
    }),
  ),
});
