import { z } from "zod";
import { type CumulativePerformance, type ItemCounters } from "../types";
import { type ShopSession } from "../types";
import { type ShopeeClient } from "./client";

export const SHOPEE_EXTRA_INFO_MAX = 50;

const extraInfoSchema = z.looseObject({
  item_list: z
    .array(
      z.looseObject({
        item_id: z.union([z.number(), z.string()]).transform(String),
        sale: z.number().int().default(0),
        views: z.number().int().default(0),
        likes: z.number().int().default(0),
        rating_star: z.number().default(0),
        comment_count: z.number().int().default(0),
      }),
    )
    .default([]),
});

/** `product/get_item_extra_info`: cumulative counters, 50 items per call. */
export function shopeePerformance(client: ShopeeClient): CumulativePerformance {
  return {
    kind: "cumulative",
    itemsPerCall: SHOPEE_EXTRA_INFO_MAX,
    api: "product.get_item_extra_info",
    async getItemCounters(session: ShopSession, productIds: readonly string[]): Promise<ItemCounters[]> {
      if (productIds.length === 0) return [];
      if (productIds.length > SHOPEE_EXTRA_INFO_MAX)
        throw new RangeError(`get_item_extra_info takes at most ${SHOPEE_EXTRA_INFO_MAX} items`);
      const { data } = await client.call(
        {
          method: "GET",
          path: "/api/v2/product/get_item_extra_info",
          target: { type: "shop", accessToken: session.accessToken, shopId: session.shopId },
          query: { item_id_list: productIds.join(",") },
        },
        extraInfoSchema,
      );
      return data.item_list.map((item) => ({
        productId: item.item_id,
        sales: item.sale,
        views: item.views,
        likes: item.likes,
        ratingStar: item.rating_star,
        commentCount: item.comment_count,
      }));
    },
  };
}
