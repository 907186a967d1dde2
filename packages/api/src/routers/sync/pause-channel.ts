import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { setChannelPaused } from "../../services/sync/control";
import { connectionIdSchema, pauseResultSchema } from "./schemas";

/** Stops pushes to one shop; queued changes wait (audited). */
export const pauseChannel = permissionProcedure("sync:write")
  .input(z.strictObject({ connectionId: connectionIdSchema }))
  .output(pauseResultSchema)
  .mutation(({ ctx, input }) => setChannelPaused(scopeOf(ctx), input.connectionId, true));
