import { lowStockThresholdSchema } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { setVariantThreshold as set } from "../../services/alerts/thresholds";
import { variantThresholdSchema } from "./list-variant-thresholds";

/** A variant's own low-stock threshold (null: back to the organization default). */
export const setVariantThreshold = permissionProcedure("inventory:write")
  .input(
    z.strictObject({
      variantId: z.uuid("Must be a valid variant id"),
      threshold: lowStockThresholdSchema.nullable(),
    }),
  )
  .output(variantThresholdSchema)
  .mutation(({ ctx, input }) => set(scopeOf(ctx), input.variantId, input.threshold));
