import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { startReportRun } from "../../services/reports";
import { reportFiltersSchema } from "./schemas";

/** Runs a report in the background; progress arrives over socket.io (`report.progress`). */
export const startRun = permissionProcedure("report:read")
  .input(z.object({ report: text().min(1).max(64), filters: reportFiltersSchema, bom: z.boolean().default(true) }))
  .output(z.object({ id: text() }))
  .mutation(({ ctx, input }) => startReportRun(scopeOf(ctx), input));
