import { productStatusValues, text } from "@syncstore/domain";
import { z } from "zod";

export const productDetailSchema = z.object({
  id: text(),
  title: text(),
  description: text().nullable(),
  brand: text().nullable(),
  categoryId: text().nullable(),
  categoryPath: text().nullable(),
  status: z.enum(productStatusValues),
  tags: z.array(text()),
  images: z.array(text()),
  attributes: z.array(z.object({ key: text(), value: text() })),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
  currency: text(),
  variants: z.array(
    z.object({
      id: text(),
      sku: text(),
      options: z.record(text(), text()),
      price: z.number(),
      compareAtPrice: z.number().nullable(),
      cost: z.number().nullable(),
      barcode: text().nullable(),
      weightGrams: z.number().nullable(),
      stockOnHand: z.number(),
      reserved: z.number(),
      position: z.number(),
      version: z.number(),
    }),
  ),
});
