import { stockRuleSchema } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { setDefaultStockRule } from "../../services/inventory/rules";

/** Sets the organization's default stock rule (an empty rule clears it); every listing is queued for a push. */
export const setDefaultRule = permissionProcedure("inventory:write")
  .input(z.strictObject({ rule: stockRuleSchema }))
  .output(z.object({ rule: stockRuleSchema.nullable() }))
  .mutation(({ ctx, input }) => setDefaultStockRule(scopeOf(ctx), input));
