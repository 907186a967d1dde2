import { z } from "zod";
import { permissionProcedure } from "../../core/trpc";
import { listSyncRuns } from "../../services/sync/runs";
import { runSchema } from "./schemas";

/** Running sync runs (progress bars survive a reload) or the latest finished ones. */
export const listRuns = permissionProcedure("sync:read")
  .input(
    z
      .strictObject({
        status: z.enum(["running", "finished"]).optional(),
        limit: z.number().int().min(1).max(100).default(20),
      })
      .default({ limit: 20 }),
  )
  .output(z.array(runSchema))
  .query(({ ctx, input }) => listSyncRuns(ctx.em, input));
