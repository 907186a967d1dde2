import { listingOverridesFields } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../../core/scope";
import { permissionProcedure } from "../../../core/trpc";
import { updateListingOverrides } from "../../../services/listings/product-listings";
import { listingDtoSchema, listingIdField } from "./schemas";

/** Saves a listing's per-channel overrides (audited; published listings are marked for sync). */
export const update = permissionProcedure("catalog:write")
  .input(z.strictObject({ listingId: listingIdField, ...listingOverridesFields }))
  .output(listingDtoSchema)
  .mutation(({ ctx, input }) => updateListingOverrides(scopeOf(ctx), input));
