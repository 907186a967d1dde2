import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { startReportRun } from "../../services/reports";
import { reportFiltersSchema } from "./schemas";

/** Runs a report in the background; progress arrives over socket.io (`report.progress`). */
export const startRun = permissionProcedure("report:read")
  .input(z.object({ report: z.string().min(1).max(64), filters: reportFiltersSchema, bom: z.boolean().default(true) }))
  .output(z.object({ id: z.string() }))
  .mutation(({ ctx, input }) => startReportRun(scopeOf(ctx), input));
