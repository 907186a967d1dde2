import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { listStock as list } from "../../services/inventory/list";
import { stockQuerySchema, stockRowSchema } from "./schemas";

export const listStockInput = stockQuerySchema.extend({
  cursor: text().max(200).optional(),
  offset: z.number().int().min(0).max(1_000_000).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

/** One block of the Inventory grid (SKU order, keyset after `cursor`); the total on the first block. */
export const listStock = permissionProcedure("inventory:read")
  .input(listStockInput)
  .output(
    z.object({ rows: z.array(stockRowSchema), nextCursor: text().nullable(), total: z.number().int().nullable() }),
  )
  .query(({ ctx, input }) => list(scopeOf(ctx).em, ctx.organizationId, input));
