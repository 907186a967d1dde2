import { z } from "zod";
import { scopeOf } from "../../../core/scope";
import { permissionProcedure } from "../../../core/trpc";
import { linkListing } from "../../../services/listings/linking";
import { listingDtoSchema, listingIdField } from "./schemas";

/** Links an unmatched listing to a master variant (audited; marked for sync). */
export const link = permissionProcedure("channel:write")
  .input(
    z.strictObject({
      listingId: listingIdField,
      variantId: z.uuid("Pick a variant to link to"),
      /** Link-time choice per field group: keep master (pushed, the default) or take the channel's into master. */
      take: z
        .strictObject({
          content: z.enum(["master", "channel"]).optional(),
          price: z.enum(["master", "channel"]).optional(),
        })
        .optional(),
    }),
  )
  .output(listingDtoSchema)
  .mutation(({ ctx, input }) => linkListing(scopeOf(ctx), input));
