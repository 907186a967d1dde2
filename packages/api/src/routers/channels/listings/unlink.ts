import { z } from "zod";
import { scopeOf } from "../../../core/scope";
import { permissionProcedure } from "../../../core/trpc";
import { unlinkListing } from "../../../services/listings/linking";
import { listingDtoSchema, listingIdField } from "./schemas";

/** Detaches a listing from its master variant; it shows as unmatched again. */
export const unlink = permissionProcedure("channel:write")
  .input(z.strictObject({ listingId: listingIdField }))
  .output(listingDtoSchema)
  .mutation(({ ctx, input }) => unlinkListing(scopeOf(ctx), input.listingId));
