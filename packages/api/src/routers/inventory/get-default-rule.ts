import { stockRuleSchema } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { getDefaultStockRule } from "../../services/inventory/rules";

/** The organization's default stock rule (null: shops are offered all of available). */
export const getDefaultRule = permissionProcedure("inventory:read")
  .output(z.object({ rule: stockRuleSchema.nullable() }))
  .query(({ ctx }) => getDefaultStockRule(scopeOf(ctx)));
