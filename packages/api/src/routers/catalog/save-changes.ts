import { productPatchSchema, variantPatchSchema, text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { saveCatalogChanges } from "../../services/catalog/save";
import { variantRowSchema } from "./schemas";

export const MAX_CHANGES = 5000;

export const saveChangesInput = z.strictObject({
  changes: z
    .array(
      z.strictObject({
        variantId: z.uuid("Must be a valid variant id"),
        productVersion: z.number().int().min(1),
        variantVersion: z.number().int().min(1),
        product: productPatchSchema.optional(),
        variant: variantPatchSchema.optional(),
        /** The stock on hand the grid loaded: a stock cell is saved only if it is still that (compare-and-set). */
        expectedStockOnHand: z.number().int().min(0).optional(),
      }),
    )
    .min(1, "Nothing to save")
    .max(MAX_CHANGES, `Save at most ${MAX_CHANGES} rows at once`),
});

export const saveChangesOutput = z.union([
  z.object({ saved: z.number(), rows: z.array(variantRowSchema) }),
  z.object({
    saved: z.literal(0),
    conflicts: z.array(
      z.object({
        variantId: text(),
        field: text(),
        yours: z.unknown(),
        theirs: z.unknown(),
        current: variantRowSchema,
      }),
    ),
  }),
]);

export const saveChanges = permissionProcedure("catalog:write")
  .input(saveChangesInput)
  .output(saveChangesOutput)
  .mutation(({ ctx, input }) => saveCatalogChanges(scopeOf(ctx), input.changes));
