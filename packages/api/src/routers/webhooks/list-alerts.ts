import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { listAlerts as list } from "../../services/webhooks/alerts";
import { alertItemSchema } from "./schemas";

/** Active (open or acknowledged) or resolved alerts of the organization, newest first. */
export const listAlerts = permissionProcedure("webhook:read")
  .input(
    z.strictObject({
      state: z.enum(["active", "resolved"]).default("active"),
      limit: z.number().int().min(1).max(100).default(20),
    }),
  )
  .output(z.array(alertItemSchema))
  .query(({ ctx, input }) => list(scopeOf(ctx), input));
