import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { replayEvents as replay } from "../../services/webhooks/events";

/** Re-runs processing of up to 100 events; processed ones are recognised as duplicates and change nothing. */
export const replayEvents = permissionProcedure("webhook:write")
  .input(
    z.strictObject({
      ids: z
        .array(z.uuid("Must be a valid event id"))
        .min(1, "Choose at least one event")
        .max(100, "Replay at most 100 events at a time"),
    }),
  )
  .output(z.object({ queued: z.number(), alreadyProcessed: z.number(), skipped: z.number() }))
  .mutation(({ ctx, input }) => replay(scopeOf(ctx), [...new Set(input.ids)]));
