import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { markReturnReceived } from "../../services/orders/lines";

/** The seller received a returned order back: its shipped units are restocked, once. */
export const receiveReturn = permissionProcedure("order:write")
  .input(z.strictObject({ id: z.uuid("Must be a valid order id") }))
  .output(z.object({ restockedUnits: z.number().int() }))
  .mutation(({ ctx, input }) => markReturnReceived(scopeOf(ctx), input.id));
