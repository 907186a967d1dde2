import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { compareNow as compare } from "../../services/conflicts/compare-now";

/** Queues a compare-with-live pass of one shop: every product read and checked for seller edits. */
export const compareNow = permissionProcedure("conflict:write")
  .input(z.strictObject({ connectionId: z.uuid("Must be a valid shop id") }))
  .output(z.object({ queued: z.boolean() }))
  .mutation(({ ctx, input }) => compare(scopeOf(ctx), input.connectionId));
