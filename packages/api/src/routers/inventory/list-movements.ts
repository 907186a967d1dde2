import { inventoryReasons, stockBuckets } from "@syncstore/db";
import { text } from "@syncstore/domain";
import { z } from "zod";
import { permissionProcedure } from "../../core/trpc";
import { listMovements as list } from "../../services/inventory/movements";

/** The movement reasons and buckets are the entity's (`inventory_movement.reason`, `.bucket`). */
export const movementReasons = inventoryReasons;

// Not strict: infinite queries add their own keys (`direction`) beside `cursor`.
export const listMovementsInput = z
  .object({
    variantId: z.uuid("Must be a valid variant id"),
    reason: z.enum(movementReasons).optional(),
    bucket: z.enum(stockBuckets).optional(),
    from: z.date().optional(),
    to: z.date().optional(),
    cursor: text().max(200).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, {
    message: "The start date must be before the end date",
    path: ["to"],
  });

/** The stock ledger of one variant, newest first, filtered, a page at a time. */
export const listMovements = permissionProcedure("inventory:read")
  .input(listMovementsInput)
  .output(
    z.object({
      items: z.array(
        z.object({
          id: text(),
          at: z.date(),
          bucket: text(),
          reason: text(),
          delta: z.number().int(),
          before: z.number().int().nullable(),
          after: z.number().int().nullable(),
          actorName: text().nullable(),
          source: z.object({
            kind: z.enum(["order_line", "webhook_event", "bulk_operation", "import", "user", "connection"]).nullable(),
            ref: text().nullable(),
            label: text().nullable(),
            orderId: text().nullable(),
            webhookEventId: text().nullable(),
          }),
        }),
      ),
      nextCursor: text().nullable(),
    }),
  )
  .query(({ ctx, input }) => list(ctx.em, ctx.organizationId, input));
