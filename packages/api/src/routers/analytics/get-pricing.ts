import { permissionProcedure } from "../../core/trpc";
import { analyticsFilterSchema } from "../../services/analytics/range";
import { pricingAnalysis } from "../../services/analytics/pricing";
import { pricingOutput } from "./schemas";

/** Price distribution, cross-shop inconsistencies, prices below cost and low margins. */
export const getPricing = permissionProcedure("report:read")
  .input(analyticsFilterSchema)
  .output(pricingOutput)
  .query(({ ctx, input }) => pricingAnalysis(ctx.em, input));
