import { text, searchText } from "@syncstore/domain";
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
      query: searchText().max(200, "Search must be at most 200 characters"),
    }),
  )
  .output(
    z.array(
      z.object({
        variantId: text(),
        productId: text(),
        sku: text(),
        productTitle: text(),
        options: z.record(text(), text()),
        price: z.number(),
        linkedHere: z.boolean(),
      }),
    ),
  )
  .query(({ ctx, input }) => searchLinkCandidates(scopeOf(ctx), input));
