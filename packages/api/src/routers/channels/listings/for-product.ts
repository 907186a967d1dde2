import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../../core/scope";
import { permissionProcedure } from "../../../core/trpc";
import { productChannels } from "../../../services/listings/product-listings";
import { listingDtoSchema } from "./schemas";

const publishOptionsOut = z
  .object({
    categoryId: text(),
    brandId: text().nullish(),
    logisticsChannelId: text().nullish(),
    warehouseId: text().nullish(),
  })
  .nullable();

/** The product page's Channels section: connections, variants, listings with computed channel values. */
export const forProduct = permissionProcedure("catalog:read")
  .input(z.strictObject({ productId: z.uuid("Must be a valid product id") }))
  .output(
    z.object({
      currency: text(),
      connections: z.array(
        z.object({
          id: text(),
          platform: z.enum(["shopee", "tiktok"]),
          name: text(),
          region: text().nullable(),
          status: text(),
          lastPublishOptions: publishOptionsOut,
        }),
      ),
      variants: z.array(
        z.object({
          id: text(),
          sku: text(),
          options: z.record(text(), text()),
          price: z.number(),
          available: z.number(),
        }),
      ),
      listings: z.array(listingDtoSchema),
    }),
  )
  .query(({ ctx, input }) => productChannels(scopeOf(ctx), input.productId));
