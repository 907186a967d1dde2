import { text, searchText } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { listEvents as list } from "../../services/webhooks/events";
import { webhookEventItemSchema, webhookPlatformSchema, webhookStatusSchema } from "./schemas";

// Not strict: infinite queries add their own keys (`direction`) beside `cursor`.
export const listEventsInput = z
  .object({
    platform: webhookPlatformSchema.optional(),
    connectionId: z.uuid("Must be a valid connection id").optional(),
    status: webhookStatusSchema.optional(),
    eventType: text().min(1).max(100).optional(),
    search: searchText().trim().min(1).max(200).optional(),
    from: z.date().optional(),
    to: z.date().optional(),
    cursor: text().max(200).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, {
    message: "The start date must be before the end date",
    path: ["to"],
  });

/** Webhook events of the organization, newest first, filtered, a page at a time (keyset cursor). */
export const listEvents = permissionProcedure("webhook:read")
  .input(listEventsInput)
  .output(z.object({ items: z.array(webhookEventItemSchema), nextCursor: text().nullable() }))
  .query(({ ctx, input }) => list(scopeOf(ctx), input));
