import { z } from "zod";

/** Loose objects: TikTok adds fields freely; only what we read is declared. */

const id = z.union([z.string().min(1), z.number()]).transform((value) => String(value));
const seconds = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

export const envelopeSchema = z.looseObject({
  code: z.number().int(),
  message: z.string().optional(),
  request_id: z.string().optional(),
  data: z.unknown().optional(),
});

export const tokenSchema = z.looseObject({
  access_token: z.string().min(1),
  /** Absolute Unix time, not a duration. */
  access_token_expire_in: seconds,
  refresh_token: z.string().min(1),
  refresh_token_expire_in: seconds,
  open_id: z.string().optional(),
  seller_name: z.string().optional(),
  granted_scopes: z.array(z.string()).default([]),
});

export const shopsSchema = z.looseObject({
  shops: z
    .array(
      z.looseObject({
        id,
        name: z.string(),
        region: z.string().optional(),
        cipher: z.string(),
        seller_type: z.string().optional(),
      }),
    )
    .default([]),
});

const skuSchema = z.looseObject({
  id,
  seller_sku: z.string().optional(),
  price: z
    .looseObject({
      currency: z.string(),
      sale_price: z.string().optional(),
      tax_exclusive_price: z.string().optional(),
    })
    .optional(),
  inventory: z.array(z.looseObject({ warehouse_id: id, quantity: z.number().int() })).default([]),
  sales_attributes: z
    .array(z.looseObject({ name: z.string().optional(), value_name: z.string().optional() }))
    .default([]),
});

export const productSchema = z.looseObject({
  id,
  title: z.string(),
  description: z.string().optional(),
  status: z.string(),
  skus: z.array(skuSchema).default([]),
  update_time: seconds.optional(),
  main_images: z.array(z.looseObject({ uri: z.string(), urls: z.array(z.string()).optional() })).optional(),
  /** Content review of the latest edit: AUDITING while under review, FAILED with reasons. */
  audit: z
    .looseObject({
      status: z.string(),
      failed_reasons: z.array(z.looseObject({ reasons: z.array(z.string()).default([]) })).default([]),
    })
    .optional(),
});

/** GET products/{id} with what a full edit (PUT) must send back. */
export const editableProductSchema = productSchema.extend({
  category_chains: z.array(z.looseObject({ id, is_leaf: z.boolean().optional() })).default([]),
  main_images: z.array(z.looseObject({ uri: z.string() })).default([]),
  package_weight: z.looseObject({ value: z.string(), unit: z.string() }).optional(),
});

export const searchSchema = z.looseObject({
  products: z.array(productSchema).default([]),
  next_page_token: z.string().optional(),
  total_count: z.number().int().optional(),
});

export const createdSchema = z.looseObject({
  product_id: id,
  skus: z.array(z.looseObject({ id, seller_sku: z.string().optional() })).default([]),
});

export type TikTokProduct = z.infer<typeof productSchema>;
