import { permissionProcedure } from "../../core/trpc";
import { analyticsFilterSchema } from "../../services/analytics/range";
import { productPerformance } from "../../services/analytics/products";
import { productsOutput } from "./schemas";

/** Top and bottom products by revenue, units, page views, click-through rate and conversion. */
export const getProducts = permissionProcedure("report:read")
  .input(analyticsFilterSchema)
  .output(productsOutput)
  .query(({ ctx, input }) => productPerformance(ctx.em, input));
