import { stockRuleSchema, text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { setShopStockRule } from "../../services/inventory/rules";

/** Sets a shop's default stock rule (an empty rule clears it); the shop's listings are queued for a push. */
export const setShopRule = permissionProcedure("inventory:write")
  .input(z.object({ connectionId: z.uuid("Must be a valid shop id"), rule: stockRuleSchema }))
  .output(z.object({ connectionId: text(), rule: stockRuleSchema.nullable() }))
  .mutation(({ ctx, input }) => setShopStockRule(scopeOf(ctx), input));
