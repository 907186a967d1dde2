import { text } from "@syncstore/domain";
import { z } from "zod";
import { stockFilters } from "../../services/inventory/list";

export const stockFilterSchema = z.enum(stockFilters);

export const stockQuerySchema = z.object({
  stock: stockFilterSchema.default("all"),
  connectionId: z.uuid("Must be a valid shop id").optional(),
  search: text().trim().max(200).optional(),
});

export const shopStockSchema = z.object({
  listingId: text(),
  connectionId: text(),
  pushed: z.number().int().nullable(),
  reported: z.number().int().nullable(),
  drift: z.boolean(),
  syncState: text(),
});

export const stockRowSchema = z.object({
  variantId: text(),
  productId: text(),
  sku: text(),
  productTitle: text(),
  options: z.record(text(), text()),
  onHand: z.number().int(),
  committed: z.number().int(),
  promotionReserved: z.number().int(),
  unavailable: z.number().int(),
  available: z.number().int(),
  lowStockThreshold: z.number().int(),
  oversold: z.number().int(),
  sold30d: z.number().int(),
  daysOfCover: z.number().nullable(),
  shops: z.array(shopStockSchema),
});

export const shopSchema = z.object({ id: text(), name: text(), platform: text() });
