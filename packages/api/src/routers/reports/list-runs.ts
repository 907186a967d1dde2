import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { listReportRuns } from "../../services/reports";
import { reportRunSchema } from "./schemas";

/** Report runs (on request and scheduled), newest first: the history. */
export const listRuns = permissionProcedure("report:read")
  .input(z.object({ limit: z.number().int().min(1).max(200).default(50) }).default({ limit: 50 }))
  .output(z.array(reportRunSchema))
  .query(({ ctx, input }) => listReportRuns(scopeOf(ctx), input));
