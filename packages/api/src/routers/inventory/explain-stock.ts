import { stockRuleSchema, text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { explainStock as explain } from "../../services/inventory/explain";

const bucketsSchema = z.object({
  onHand: z.number().int(),
  committed: z.number().int(),
  promotionReserved: z.number().int(),
  unavailable: z.number().int(),
});

/** Why a shop is offered the number it is: the terms and the rule that decided (listing, shop, organization). */
export const explainStock = permissionProcedure("inventory:read")
  .input(z.object({ variantId: z.uuid("Must be a valid variant id"), connectionId: z.uuid("Must be a valid shop id") }))
  .output(
    z.object({
      variantId: text(),
      sku: text(),
      listingId: text(),
      connection: z.object({ id: text(), name: text(), platform: text() }),
      buckets: bucketsSchema,
      available: z.number().int(),
      rules: z.object({
        listing: stockRuleSchema.nullable(),
        connection: stockRuleSchema.nullable(),
        organization: stockRuleSchema.nullable(),
      }),
      decidedBy: z.enum(["listing", "connection", "organization", "none"]),
      rule: stockRuleSchema,
      terms: z.array(text()),
      stopped: z.boolean(),
      quantity: z.number().int(),
      pushed: z.number().int(),
      lastPushed: z.number().int().nullable(),
      reported: z.number().int().nullable(),
      archived: z.boolean(),
    }),
  )
  .query(({ ctx, input }) => explain(scopeOf(ctx), input.variantId, input.connectionId));
