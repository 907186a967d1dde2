import { stockRuleSchema, text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { setListingStockRule } from "../../services/inventory/rules";

/** Sets one listing's own stock rule (an empty rule clears it: the shop's rule applies); the listing is queued for a push. */
export const setListingRule = permissionProcedure("inventory:write")
  .input(z.object({ listingId: z.uuid("Must be a valid listing id"), rule: stockRuleSchema }))
  .output(z.object({ listingId: text(), rule: stockRuleSchema.nullable() }))
  .mutation(({ ctx, input }) => setListingStockRule(scopeOf(ctx), input));
