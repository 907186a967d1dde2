import { MAX_VARIANTS, skuField, titleField, text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../../core/scope";
import { permissionProcedure } from "../../../core/trpc";
import { createProductFromListings } from "../../../services/listings/linking";
import { connectionIdField, listingDtoSchema, listingIdField } from "./schemas";

/** Creates a master product (one variant per listing) from an unmatched channel product and links it. */
export const createProduct = permissionProcedure("channel:write")
  .input(
    z.strictObject({
      connectionId: connectionIdField,
      externalProductId: text().min(1).max(100),
      title: titleField,
      variants: z
        .array(z.strictObject({ listingId: listingIdField, sku: skuField }))
        .min(1, "Pick at least one listing")
        .max(MAX_VARIANTS, `At most ${MAX_VARIANTS} variants`)
        .superRefine((variants, ctx) => {
          const seen = new Set<string>();
          variants.forEach((variant, index) => {
            const key = variant.sku.toLowerCase();
            if (seen.has(key))
              ctx.addIssue({ code: "custom", path: [index, "sku"], message: "This SKU is used twice" });
            seen.add(key);
          });
        }),
    }),
  )
  .output(z.object({ productId: text(), listings: z.array(listingDtoSchema) }))
  .mutation(({ ctx, input }) => createProductFromListings(scopeOf(ctx), input));
