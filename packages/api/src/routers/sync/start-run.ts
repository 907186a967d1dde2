import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { startSyncRun } from "../../services/sync/runs";
import { connectionIdSchema, runSchema } from "./schemas";

export const startRunInput = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("products"),
    productIds: z
      .array(z.uuid("Must be a valid product id"))
      .min(1, "Choose at least one product")
      .max(5000, "Sync at most 5,000 products at once, or sync the whole channel"),
  }),
  z.strictObject({ kind: z.literal("channel"), connectionId: connectionIdSchema }),
  z.strictObject({ kind: z.literal("all") }),
]);

/** Manual sync at high priority: a `sync_run` with the count of listings queued (audited). */
export const startRun = permissionProcedure("sync:write")
  .input(startRunInput)
  .output(runSchema)
  .mutation(({ ctx, input }) => startSyncRun(scopeOf(ctx), input));
