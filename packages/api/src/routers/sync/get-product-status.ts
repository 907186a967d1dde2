import { z } from "zod";
import { permissionProcedure } from "../../core/trpc";
import { productSyncStatus } from "../../services/sync/product-status";
import { attemptSchema, listingStatusSchema } from "./schemas";

/** A product's listings on every shop with their sync state, and its latest push attempts. */
export const getProductStatus = permissionProcedure("sync:read")
  .input(
    z.strictObject({
      productId: z.uuid("Must be a valid product id"),
      attempts: z.number().int().min(1).max(50).default(10),
    }),
  )
  .output(z.object({ listings: z.array(listingStatusSchema), attempts: z.array(attemptSchema) }))
  .query(({ ctx, input }) => productSyncStatus(ctx.em, input.productId, input.attempts));
