import express, { type Router } from "express";
import { type SimContext } from "../context";
import { shopeeShopApi } from "./api";
import { ShopeeError } from "./errors";
import { listParam } from "./params";

/** Shopee lists extra info for at most 50 items per call. */
export const SHOPEE_EXTRA_INFO_MAX = 50;

/**
 * `product/get_item_extra_info`: cumulative counters per item (sales, views, likes, rating,
 * comments) as of now, with no date range: daily figures are the caller's differences.
 */
export function shopeeAnalyticsRoutes(ctx: SimContext): Router {
  const router = express.Router();
  router.get(
    "/api/v2/product/get_item_extra_info",
    shopeeShopApi(ctx, "product.get_item_extra_info", ({ params, shop, now }) => {
      const ids = listParam(params, "item_id_list");
      if (ids.length === 0) throw new ShopeeError("error_param", "item_id_list is required.");
      if (ids.length > SHOPEE_EXTRA_INFO_MAX)
        throw new ShopeeError(
          "error_param",
          `item_id_list accepts at most ${SHOPEE_EXTRA_INFO_MAX} item_id; got ${ids.length}.`,
        );
      const orders = ctx.store.ordersOf(shop);
      const items = ids.flatMap((id) => {
        const product = ctx.store.findProduct(shop, id);
        if (!product || product.status === "SELLER_DELETE" || product.status === "SHOPEE_DELETE") return [];
        const counters = ctx.traffic.cumulative(shop, orders, product, now);
        return [
          {
            item_id: Number(product.id),
            sale: counters.sale,
            views: counters.views,
            likes: counters.likes,
            rating_star: counters.ratingStar,
            comment_count: counters.commentCount,
          },
        ];
      });
      return { response: { item_list: items } };
    }),
  );
  return router;
}
