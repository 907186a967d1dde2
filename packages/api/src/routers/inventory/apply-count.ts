import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { applyCount as apply, COUNT_MAX_ROWS } from "../../services/inventory/count";

/**
 * Applies a previewed stock count as one bulk operation (reason `count`): each row's previewed on
 * hand is its expected value, so rows an order moved since the preview are refused and listed.
 */
export const applyCount = permissionProcedure("inventory:write")
  .input(
    z.object({
      fileName: text().trim().max(255).nullable().default(null),
      rows: z
        .array(
          z.object({
            variantId: z.uuid("Must be a valid variant id"),
            counted: z.number().int().min(0).max(1_000_000),
            expected: z.number().int().min(0),
          }),
        )
        .min(1, "No counted rows to apply")
        .max(COUNT_MAX_ROWS),
    }),
  )
  .output(
    z.object({
      operationId: text(),
      done: z.number().int(),
      failed: z.number().int(),
      total: z.number().int(),
      status: z.enum(["queued", "running", "succeeded", "failed", "cancelled"]),
    }),
  )
  .mutation(({ ctx, input }) => apply(scopeOf(ctx), input));
