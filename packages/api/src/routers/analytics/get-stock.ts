import { permissionProcedure } from "../../core/trpc";
import { analyticsFilterSchema } from "../../services/analytics/range";
import { stockHealth } from "../../services/analytics/stock";
import { stockOutput } from "./schemas";

/** Sell-through, days of cover, ABC classes, out of stock, overstock and oversold. */
export const getStock = permissionProcedure("report:read")
  .input(analyticsFilterSchema)
  .output(stockOutput)
  .query(({ ctx, input }) => stockHealth(ctx.em, input));
