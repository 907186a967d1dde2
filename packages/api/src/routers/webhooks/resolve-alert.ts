import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { setAlertStatus } from "../../services/webhooks/alerts";
import { alertItemSchema } from "./schemas";

/** Closes an alert; the next occurrence of the same problem opens a new one. */
export const resolveAlert = permissionProcedure("webhook:write")
  .input(z.strictObject({ id: z.uuid("Must be a valid alert id") }))
  .output(alertItemSchema)
  .mutation(({ ctx, input }) => setAlertStatus(scopeOf(ctx), input.id, "resolved"));
