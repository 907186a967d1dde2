import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { reconcileNow as reconcile } from "../../services/webhooks/stats";

/** Queues a reconciliation pass of one shop now instead of waiting for the schedule. */
export const reconcileNow = permissionProcedure("webhook:write")
  .input(z.strictObject({ connectionId: z.uuid("Must be a valid connection id") }))
  .output(z.object({ queued: z.boolean() }))
  .mutation(({ ctx, input }) => reconcile(scopeOf(ctx), input.connectionId));
