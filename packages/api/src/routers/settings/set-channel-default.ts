import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { setChannelDefaultPriceRule } from "../../services/settings/organization-settings";

/** The price rule listings on a shop get when they have none of their own ("" clears it). */
export const setChannelDefault = permissionProcedure("channel:write")
  .input(
    z.object({
      connectionId: z.uuid("Must be a valid connection id"),
      priceRule: text().trim().max(40, "Price rule must be at most 40 characters"),
    }),
  )
  .output(z.void())
  .mutation(({ ctx, input }) => setChannelDefaultPriceRule(scopeOf(ctx), input));
