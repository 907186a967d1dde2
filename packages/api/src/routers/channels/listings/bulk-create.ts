import { z } from "zod";
import { scopeOf } from "../../../core/scope";
import { permissionProcedure } from "../../../core/trpc";
import { LISTING_BULK_MAX, startBulkCreate } from "../../../services/listings/bulk";
import { listingBulkOperationSchema } from "./bulk-schemas";
import { connectionIdField, listingIdField } from "./schemas";

/**
 * Creates one master product per channel product of the selected unmatched listings and links
 * them, as one bulk operation. Needs catalog write access as well.
 */
export const bulkCreate = permissionProcedure("channel:write")
  .input(
    z.strictObject({
      connectionId: connectionIdField,
      listingIds: z
        .array(listingIdField)
        .min(1, "No listings are selected")
        .max(LISTING_BULK_MAX, `At most ${LISTING_BULK_MAX} listings at a time`),
    }),
  )
  .output(listingBulkOperationSchema)
  .mutation(({ ctx, input }) => startBulkCreate(scopeOf(ctx), input));
