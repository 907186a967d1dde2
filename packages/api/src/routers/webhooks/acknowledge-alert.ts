import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { setAlertStatus } from "../../services/webhooks/alerts";
import { alertItemSchema } from "./schemas";

/** Marks an alert as seen; it stays listed (and keeps counting repeats) until resolved. */
export const acknowledgeAlert = permissionProcedure("webhook:write")
  .input(z.strictObject({ id: z.uuid("Must be a valid alert id") }))
  .output(alertItemSchema)
  .mutation(({ ctx, input }) => setAlertStatus(scopeOf(ctx), input.id, "acknowledged"));
