import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { retryFailed as retry } from "../../services/sync/control";
import { connectionIdSchema } from "./schemas";

/** Pushes every failed listing again, of one shop or of all (audited). */
export const retryFailed = permissionProcedure("sync:write")
  .input(z.strictObject({ connectionId: connectionIdSchema.optional() }))
  .output(z.object({ marked: z.number() }))
  .mutation(({ ctx, input }) => retry(scopeOf(ctx), input.connectionId));
