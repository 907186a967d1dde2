import { z } from "zod";
import { scopeOf } from "../../../core/scope";
import { permissionProcedure } from "../../../core/trpc";
import { productChannels } from "../../../services/listings/product-listings";
import { listingDtoSchema } from "./schemas";

const publishOptionsOut = z
  .object({
    categoryId: z.string(),
    brandId: z.string().nullish(),
    logisticsChannelId: z.string().nullish(),
    warehouseId: z.string().nullish(),
  })
  .nullable();

/** The product page's Channels section: connections, variants, listings with computed channel values. */
export const forProduct = permissionProcedure("catalog:read")
  .input(z.strictObject({ productId: z.uuid("Must be a valid product id") }))
  .output(
    z.object({
      currency: z.string(),
      connections: z.array(
        z.object({
          id: z.string(),
          platform: z.enum(["shopee", "tiktok"]),
          name: z.string(),
          region: z.string().nullable(),
          currency: z.string().nullable(),
          status: z.string(),
          lastPublishOptions: publishOptionsOut,
        }),
      ),
      variants: z.array(
        z.object({
          id: z.string(),
          sku: z.string(),
          options: z.record(z.string(), z.string()),
          price: z.number(),
          available: z.number(),
        }),
      ),
      listings: z.array(listingDtoSchema),
    }),
  )
  .query(({ ctx, input }) => productChannels(scopeOf(ctx), input.productId));
