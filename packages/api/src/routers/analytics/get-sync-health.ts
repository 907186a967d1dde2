import { permissionProcedure } from "../../core/trpc";
import { analyticsFilterSchema } from "../../services/analytics/range";
import { syncHealth } from "../../services/analytics/sync-health";
import { syncHealthOutput } from "./schemas";

/** Sync success rate, volume, latency and failure reasons per shop. */
export const getSyncHealth = permissionProcedure("report:read")
  .input(analyticsFilterSchema)
  .output(syncHealthOutput)
  .query(({ ctx, input }) => syncHealth(ctx.em, input));
