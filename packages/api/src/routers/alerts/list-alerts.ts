import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { listAlerts as list } from "../../services/alerts/alerts";
import { alertGroupSchema, alertItemSchema, alertSeveritySchema, alertStatusSchema } from "./schemas";

// Not strict: tRPC's infinite queries add `direction` beside `cursor`.
export const listAlertsInput = z
  .object({
    /** active = open and acknowledged. */
    state: z.union([alertStatusSchema, z.enum(["active", "all"])]).default("active"),
    severity: z.array(alertSeveritySchema).max(3).optional(),
    group: alertGroupSchema.optional(),
    kind: text().min(1).max(100).optional(),
    connectionId: z.uuid("Must be a valid shop id").optional(),
    from: z.date().optional(),
    to: z.date().optional(),
    unread: z.boolean().optional(),
    /** Only these alerts (the page's `?alert=<id>` link from an email or the bell). */
    ids: z.array(z.uuid("Must be a valid alert id")).min(1).max(100).optional(),
    cursor: text().max(200).optional(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, {
    message: "The start date must be before the end date",
    path: ["to"],
  });

/** The organization's alerts, most recently seen first, filtered, one keyset page at a time. */
export const listAlerts = permissionProcedure("alert:read")
  .input(listAlertsInput)
  .output(z.object({ items: z.array(alertItemSchema), nextCursor: text().nullable() }))
  .query(({ ctx, input }) => list(scopeOf(ctx), input));
