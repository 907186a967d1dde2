import { z } from "zod";

/**
 * Response shapes we rely on. Objects are loose (Shopee adds fields freely); only what we read is
 * declared, so a new field never breaks a sync.
 */

const id = z.union([z.number(), z.string().min(1)]).transform((value) => String(value));

/** Every Shopee reply; `error` is "" (or absent) on success. */
export const envelopeSchema = z.looseObject({
  request_id: z.string().optional(),
  error: z.string().optional(),
  message: z.string().optional(),
  warning: z.unknown().optional(),
  response: z.unknown().optional(),
});

export const tokenSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expire_in: z.number().int().positive(),
  shop_id_list: z.array(id).optional(),
  merchant_id_list: z.array(id).optional(),
});

export const shopInfoSchema = z.looseObject({
  shop_name: z.string(),
  region: z.string().optional(),
  status: z.string().optional(),
});

export const itemListSchema = z.looseObject({
  item: z.array(z.looseObject({ item_id: id, item_status: z.string().optional() })).default([]),
  total_count: z.number().int().optional(),
  has_next_page: z.boolean(),
  next_offset: z.number().int().optional(),
});

export const priceInfoSchema = z.looseObject({
  currency: z.string(),
  original_price: z.number(),
  current_price: z.number().optional(),
});

export const stockInfoSchema = z.looseObject({
  seller_stock: z.array(z.looseObject({ location_id: z.string().optional(), stock: z.number().int() })).default([]),
  summary_info: z
    .looseObject({
      total_reserved_stock: z.number().int().optional(),
      total_available_stock: z.number().int().optional(),
    })
    .optional(),
});

export const baseItemSchema = z.looseObject({
  item_id: id,
  item_name: z.string(),
  item_sku: z.string().optional(),
  item_status: z.string(),
  description: z.string().optional(),
  has_model: z.boolean().default(false),
  update_time: z.number().optional(),
  price_info: z.array(priceInfoSchema).optional(),
  stock_info_v2: stockInfoSchema.optional(),
  image: z.looseObject({ image_url_list: z.array(z.string()).default([]) }).optional(),
});

export const baseInfoSchema = z.looseObject({ item_list: z.array(baseItemSchema).default([]) });

export const modelListSchema = z.looseObject({
  tier_variation: z
    .array(z.looseObject({ name: z.string(), option_list: z.array(z.looseObject({ option: z.string() })).default([]) }))
    .default([]),
  model: z
    .array(
      z.looseObject({
        model_id: id,
        model_sku: z.string().optional(),
        tier_index: z.array(z.number().int()).default([]),
        price_info: z.array(priceInfoSchema).optional(),
        stock_info_v2: stockInfoSchema.optional(),
      }),
    )
    .default([]),
});

export const addItemSchema = z.looseObject({ item_id: id });

export const initTierSchema = z.looseObject({
  model: z
    .array(z.looseObject({ model_id: id, model_sku: z.string().optional(), tier_index: z.array(z.number().int()) }))
    .default([]),
});

export const addModelSchema = z.looseObject({
  model: z
    .array(z.looseObject({ model_id: id, model_sku: z.string().optional(), tier_index: z.array(z.number().int()) }))
    .default([]),
});

/** update_price and update_stock report per-model outcomes. */
export const batchOutcomeSchema = z.looseObject({
  success_list: z.array(z.looseObject({ model_id: id.optional() })).default([]),
  failure_list: z.array(z.looseObject({ model_id: id.optional(), failed_reason: z.string().optional() })).default([]),
});

export type ShopeeBaseItem = z.infer<typeof baseItemSchema>;
export type ShopeeModelList = z.infer<typeof modelListSchema>;
export type ShopeeStockInfo = z.infer<typeof stockInfoSchema>;
