import { z } from "zod";
import { scopeOf } from "../../../core/scope";
import { permissionProcedure } from "../../../core/trpc";
import { searchLinkCandidates } from "../../../services/listings/linking";
import { connectionIdField } from "./schemas";

/** Master variants (by SKU or title) an unmatched listing can be linked to. */
export const searchVariants = permissionProcedure("channel:read")
  .input(
    z.strictObject({
      connectionId: connectionIdField,
      query: z.string().max(200, "Search must be at most 200 characters"),
    }),
  )
  .output(
    z.array(
      z.object({
        variantId: z.string(),
        productId: z.string(),
        sku: z.string(),
        productTitle: z.string(),
        options: z.record(z.string(), z.string()),
        price: z.number(),
        linkedHere: z.boolean(),
      }),
    ),
  )
  .query(({ ctx, input }) => searchLinkCandidates(scopeOf(ctx), input));
