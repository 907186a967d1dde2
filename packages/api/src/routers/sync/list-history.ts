import { text } from "@syncstore/domain";
import { syncOutcomes } from "@syncstore/db";
import { z } from "zod";
import { permissionProcedure } from "../../core/trpc";
import { syncHistory } from "../../services/sync/history";
import { attemptSchema, connectionIdSchema } from "./schemas";

export const listHistoryInput = z
  .strictObject({
    connectionId: connectionIdSchema.optional(),
    productId: z.uuid("Must be a valid product id").optional(),
    listingId: z.uuid("Must be a valid listing id").optional(),
    outcomes: z.array(z.enum(syncOutcomes)).max(syncOutcomes.length).optional(),
    from: z.date().optional(),
    to: z.date().optional(),
    cursor: text().max(200).optional(),
    /** Added by tRPC's infinite queries; pages only go forward. */
    direction: z.enum(["forward", "backward"]).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, {
    message: "The start must be before the end",
    path: ["to"],
  });

/** Every push attempt with what was sent, the outcome and the platform's request id; newest first. */
export const listHistory = permissionProcedure("sync:read")
  .input(listHistoryInput)
  .output(z.object({ items: z.array(attemptSchema), nextCursor: text().nullable() }))
  .query(({ ctx, input }) => syncHistory(ctx.em, input));
