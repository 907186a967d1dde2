import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { resolve } from "../../services/conflicts/resolve";
import { mergedValueSchema } from "./schemas";

/** Resolves one or many conflicts: use master, use channel, or a manual merge (audited per conflict). */
export const resolveConflicts = permissionProcedure("conflict:write")
  .input(
    z.discriminatedUnion("strategy", [
      z.strictObject({ strategy: z.enum(["master", "channel"]), conflictIds: z.array(z.uuid()).min(1).max(500) }),
      z.strictObject({
        strategy: z.literal("manual"),
        conflictIds: z.array(z.uuid()).min(1).max(500),
        value: mergedValueSchema,
      }),
    ]),
  )
  .output(z.object({ resolved: z.number(), skipped: z.number(), closed: z.number() }))
  .mutation(({ ctx, input }) =>
    resolve(scopeOf(ctx), {
      conflictIds: input.conflictIds,
      strategy: input.strategy,
      ...(input.strategy === "manual" ? { value: input.value } : {}),
    }),
  );
