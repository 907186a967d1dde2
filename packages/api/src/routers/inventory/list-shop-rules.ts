import { stockRuleSchema, text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { listShopStockRules } from "../../services/inventory/rules";

/** Each shop with its default stock rule (Settings → Channels). */
export const listShopRules = permissionProcedure("inventory:read")
  .output(z.array(z.object({ connectionId: text(), name: text(), platform: text(), rule: stockRuleSchema.nullable() })))
  .query(({ ctx }) => listShopStockRules(scopeOf(ctx)));
