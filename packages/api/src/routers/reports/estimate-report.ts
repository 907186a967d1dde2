import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { estimateReport as estimate } from "../../services/reports";
import { reportFiltersSchema } from "./schemas";

/** The planner's row estimate and whether the report downloads directly or runs as a job. */
export const estimateReport = permissionProcedure("report:read")
  .input(z.object({ report: text().min(1).max(64), filters: reportFiltersSchema }))
  .output(z.object({ rows: z.number(), direct: z.boolean() }))
  .query(({ ctx, input }) => estimate(scopeOf(ctx), input.report, input.filters));
