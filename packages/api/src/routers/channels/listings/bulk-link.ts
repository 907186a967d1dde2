import { z } from "zod";
import { scopeOf } from "../../../core/scope";
import { permissionProcedure } from "../../../core/trpc";
import { LISTING_BULK_MAX, startBulkLink } from "../../../services/listings/bulk";
import { listingBulkOperationSchema } from "./bulk-schemas";
import { connectionIdField, listingIdField } from "./schemas";

/**
 * Links many unmatched listings to the master variants their preview suggested, as one bulk
 * operation (in the request up to 20 listings, else the bulk job with `bulk.progress`).
 */
export const bulkLink = permissionProcedure("channel:write")
  .input(
    z.strictObject({
      connectionId: connectionIdField,
      links: z
        .array(z.strictObject({ listingId: listingIdField, variantId: z.uuid("Must be a valid variant id") }))
        .min(1, "No listing has a suggestion to link")
        .max(LISTING_BULK_MAX, `At most ${LISTING_BULK_MAX} listings at a time`),
    }),
  )
  .output(listingBulkOperationSchema)
  .mutation(({ ctx, input }) => startBulkLink(scopeOf(ctx), input));
