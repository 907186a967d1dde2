import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { setAlertStatus } from "../../services/alerts/alerts";
import { alertIdsSchema } from "./schemas";

/** "Someone is on it": the alerts stay listed (and keep counting repeats) until resolved. */
export const acknowledgeAlerts = permissionProcedure("alert:write")
  .input(alertIdsSchema)
  .output(z.object({ updated: z.number() }))
  .mutation(({ ctx, input }) => setAlertStatus(scopeOf(ctx), input.ids, "acknowledged"));
