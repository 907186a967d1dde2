import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { markRead as mark } from "../../services/alerts/alerts";

/** Marks the given alerts, or every active one, as seen by the signed-in member (their bell only). */
export const markRead = permissionProcedure("alert:read")
  .input(z.strictObject({ ids: z.array(z.uuid("Must be a valid alert id")).min(1).max(500).optional() }).default({}))
  .output(z.object({ marked: z.number() }))
  .mutation(({ ctx, input }) => mark(scopeOf(ctx), input.ids));
