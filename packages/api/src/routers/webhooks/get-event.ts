import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { getEvent as get } from "../../services/webhooks/events";
import { webhookEventItemSchema } from "./schemas";

/** One event with its payload for the viewer; tokens, signatures and other secrets are masked. */
export const getEvent = permissionProcedure("webhook:read")
  .input(z.strictObject({ id: z.uuid("Must be a valid event id") }))
  .output(
    webhookEventItemSchema.extend({
      headers: z.record(z.string(), z.string()),
      body: z.string(),
      bodyIsJson: z.boolean(),
      effects: z.array(z.object({ kind: z.string(), target: z.string(), result: z.string() })),
    }),
  )
  .query(({ ctx, input }) => get(scopeOf(ctx), input.id));
