import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { productThresholds } from "../../services/alerts/thresholds";

export const variantThresholdSchema = z.object({
  variantId: text(),
  sku: text(),
  threshold: z.number().nullable(),
  available: z.number().nullable(),
});

/** The low-stock default and each variant's own threshold, for the product page's variant rows. */
export const listVariantThresholds = permissionProcedure("inventory:read")
  .input(z.strictObject({ productId: z.uuid("Must be a valid product id") }))
  .output(z.object({ defaultThreshold: z.number(), variants: z.array(variantThresholdSchema) }))
  .query(({ ctx, input }) => productThresholds(scopeOf(ctx), input.productId));
