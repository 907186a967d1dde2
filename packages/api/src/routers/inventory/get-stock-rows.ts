import { z } from "zod";
import { permissionProcedure } from "../../core/trpc";
import { stockRowsOf } from "../../services/inventory/list";
import { stockRowSchema } from "./schemas";

/** The current rows of some variants (the grid refreshes these when their stock changes). */
export const getStockRows = permissionProcedure("inventory:read")
  .input(z.object({ variantIds: z.array(z.uuid("Must be a valid variant id")).min(1).max(500) }))
  .output(z.array(stockRowSchema))
  .query(({ ctx, input }) => stockRowsOf(ctx.em, ctx.organizationId, input.variantIds));
