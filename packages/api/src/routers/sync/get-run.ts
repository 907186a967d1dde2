import { z } from "zod";
import { permissionProcedure } from "../../core/trpc";
import { getSyncRun } from "../../services/sync/runs";
import { runSchema } from "./schemas";

/** One sync run with its progress. */
export const getRun = permissionProcedure("sync:read")
  .input(z.strictObject({ id: z.uuid("Must be a valid sync run id") }))
  .output(runSchema)
  .query(({ ctx, input }) => getSyncRun(ctx.em, input.id));
