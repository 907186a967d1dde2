import express, { type Router } from "express";
import { z } from "zod";
import { type SimContext } from "../context";
import { tiktokApi } from "./api";
import { invalid } from "./errors";
import { nextToken, offsetOf, pageSizeOf } from "./product-routes";
import { tiktokOrder } from "./render";

const orderStatuses = [
  "UNPAID",
  "ON_HOLD",
  "AWAITING_SHIPMENT",
  "PARTIALLY_SHIPPING",
  "AWAITING_COLLECTION",
  "CANCELLED",
  "IN_TRANSIT",
  "DELIVERED",
  "COMPLETED",
] as const;
const orderSearchSchema = z.object({
  order_status: z.enum(orderStatuses).optional(),
  create_time_ge: z.number().int().optional(),
  create_time_lt: z.number().int().optional(),
  update_time_ge: z.number().int().optional(),
  update_time_lt: z.number().int().optional(),
});

export function tiktokShopRoutes(ctx: SimContext): Router {
  const router = express.Router();

  router.get(
    "/authorization/202309/shops",
    tiktokApi(ctx, { api: "authorization.shops", shopScoped: false }, ({ shop }) => ({
      shops: [
        {
          id: shop.shopId,
          name: shop.name,
          region: shop.region,
          seller_type: "LOCAL",
          cipher: shop.cipher,
          code: `${shop.region}SIM${shop.shopId.slice(-5)}`,
        },
      ],
    })),
  );

  router.post(
    "/order/202309/orders/search",
    tiktokApi(ctx, { api: "order.search", shopScoped: true }, ({ params, body, shop }) => {
      const size = pageSizeOf(params);
      const offset = offsetOf(params);
      const parsed = orderSearchSchema.safeParse(body);
      if (!parsed.success) throw invalid(`Invalid request body: ${parsed.error.issues[0]?.message ?? "malformed"}.`);
      const f = parsed.data;
      const matching = ctx.store
        .ordersOf(shop)
        .filter((o) => !f.order_status || o.status === f.order_status)
        .filter(
          (o) =>
            (f.create_time_ge === undefined || o.createTime >= f.create_time_ge) &&
            (f.create_time_lt === undefined || o.createTime < f.create_time_lt),
        )
        .filter(
          (o) =>
            (f.update_time_ge === undefined || o.updateTime >= f.update_time_ge) &&
            (f.update_time_lt === undefined || o.updateTime < f.update_time_lt),
        );
      return {
        orders: matching.slice(offset, offset + size).map((order) => tiktokOrder(shop, order)),
        total_count: matching.length,
        next_page_token: nextToken(offset, size, matching.length),
      };
    }),
  );

  router.get(
    "/order/202309/orders",
    tiktokApi(ctx, { api: "order.get", shopScoped: true }, ({ params, shop }) => {
      const ids = (params.get("ids") ?? "")
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean);
      if (ids.length === 0) throw invalid("ids is required.");
      if (ids.length > 50) throw invalid(`ids accepts at most 50 order ids; got ${ids.length}.`);
      const orders = ids.map((id) => ctx.store.findOrder(shop, id)).filter((order) => order !== undefined);
      return { orders: orders.map((order) => tiktokOrder(shop, order)) };
    }),
  );

  return router;
}
