import { text } from "@syncstore/domain";
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
      headers: z.record(text(), text()),
      body: text(),
      bodyIsJson: z.boolean(),
      effects: z.array(z.object({ kind: text(), target: text(), result: text() })),
    }),
  )
  .query(({ ctx, input }) => get(scopeOf(ctx), input.id));
