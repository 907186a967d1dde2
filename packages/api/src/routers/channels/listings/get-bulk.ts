import { z } from "zod";
import { scopeOf } from "../../../core/scope";
import { permissionProcedure } from "../../../core/trpc";
import { getListingBulk } from "../../../services/listings/bulk";
import { listingBulkOperationSchema } from "./bulk-schemas";

/** A bulk link or create operation of the Unmatched screen: progress and each listing's outcome. */
export const getBulk = permissionProcedure("channel:read")
  .input(z.strictObject({ operationId: z.uuid("Must be a valid operation id") }))
  .output(listingBulkOperationSchema)
  .query(({ ctx, input }) => getListingBulk(scopeOf(ctx), input.operationId));
