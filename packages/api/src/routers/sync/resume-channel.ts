import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { setChannelPaused } from "../../services/sync/control";
import { connectionIdSchema, pauseResultSchema } from "./schemas";

/** Starts pushes to one shop again and re-queues its pending listings (audited). */
export const resumeChannel = permissionProcedure("sync:write")
  .input(z.strictObject({ connectionId: connectionIdSchema }))
  .output(pauseResultSchema)
  .mutation(({ ctx, input }) => setChannelPaused(scopeOf(ctx), input.connectionId, false));
