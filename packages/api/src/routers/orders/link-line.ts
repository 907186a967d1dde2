import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { linkOrderLine } from "../../services/orders/lines";

/** Matches an unmatched line (and the same shop item's other unmatched lines) to a variant; stock moves at once. */
export const linkLine = permissionProcedure("order:write")
  .input(
    z.strictObject({
      lineId: z.uuid("Must be a valid order line id"),
      variantId: z.uuid("Choose a variant to link the line to"),
    }),
  )
  .output(
    z.object({
      linkedLines: z.number().int(),
      orders: z.number().int(),
      /** The shop's listing of the line's item, linked to the same variant when it was unmatched. */
      linkedListingId: z.uuid().nullable(),
    }),
  )
  .mutation(({ ctx, input }) => linkOrderLine(scopeOf(ctx), input));
