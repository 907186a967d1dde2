import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { orderCounts } from "../../services/orders/list";

/** How many orders have oversold lines and how many have unmatched lines (the filter bar's badges). */
export const countOrders = permissionProcedure("order:read")
  .output(z.object({ oversold: z.number().int(), unmatched: z.number().int() }))
  .query(({ ctx }) => orderCounts(scopeOf(ctx)));
