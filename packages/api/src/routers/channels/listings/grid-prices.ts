import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../../core/scope";
import { permissionProcedure } from "../../../core/trpc";
import { gridChannelPrices } from "../../../services/listings/product-listings";

/** Per-channel prices of a block of grid rows (the grid joins them client-side, keeping its list fast). */
export const gridPrices = permissionProcedure("catalog:read")
  .input(z.strictObject({ variantIds: z.array(z.uuid()).max(500, "At most 500 rows at a time") }))
  .output(
    z.object({
      connections: z.array(z.object({ id: text(), platform: z.enum(["shopee", "tiktok"]), name: text() })),
      prices: z.array(
        z.object({
          variantId: text(),
          connectionId: text(),
          price: z.number().nullable(),
          syncState: text(),
        }),
      ),
    }),
  )
  .query(({ ctx, input }) => gridChannelPrices(scopeOf(ctx), input.variantIds));
