import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { getOrder as get } from "../../services/orders/detail";
import { orderDetailSchema } from "./schemas";

/** One order with its lines, matched variants, stock movements, webhook events and status history. */
export const getOrder = permissionProcedure("order:read")
  .input(z.strictObject({ id: z.uuid("Must be a valid order id") }))
  .output(orderDetailSchema)
  .query(({ ctx, input }) => get(scopeOf(ctx), input.id));
