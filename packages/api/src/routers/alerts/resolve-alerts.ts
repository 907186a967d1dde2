import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { setAlertStatus } from "../../services/alerts/alerts";
import { alertIdsSchema } from "./schemas";

/** Closes alerts; the next occurrence of the same problem opens a new one. */
export const resolveAlerts = permissionProcedure("alert:write")
  .input(alertIdsSchema)
  .output(z.object({ updated: z.number() }))
  .mutation(({ ctx, input }) => setAlertStatus(scopeOf(ctx), input.ids, "resolved"));
