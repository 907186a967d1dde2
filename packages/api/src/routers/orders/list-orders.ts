import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { listOrders as list } from "../../services/orders/list";
import { listOrdersInput, orderItemSchema } from "./schemas";

/** Orders of every shop, newest first, filtered on the server, a page at a time (keyset cursor). */
export const listOrders = permissionProcedure("order:read")
  .input(listOrdersInput)
  .output(z.object({ items: z.array(orderItemSchema), nextCursor: text().nullable() }))
  .query(({ ctx, input }) => list(scopeOf(ctx), input));
