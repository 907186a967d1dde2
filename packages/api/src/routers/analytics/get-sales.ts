import { permissionProcedure } from "../../core/trpc";
import { analyticsFilterSchema } from "../../services/analytics/range";
import { salesOverview } from "../../services/analytics/sales";
import { salesOutput } from "./schemas";

/** Sales and revenue by shop and day, with the previous period. */
export const getSales = permissionProcedure("report:read")
  .input(analyticsFilterSchema)
  .output(salesOutput)
  .query(({ ctx, input }) => salesOverview(ctx.em, input));
