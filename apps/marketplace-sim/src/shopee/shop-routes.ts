import express, { type Router } from "express";
import { type SimContext } from "../context";
import { shopeeShopApi } from "./api";
import { ShopeeError } from "./errors";
import { intValue, listParam } from "./params";
import { shopeeOrder } from "./render";

const FIFTEEN_DAYS = 15 * 86_400;
const orderStatuses = new Set([
  "UNPAID",
  "READY_TO_SHIP",
  "PROCESSED",
  "RETRY_SHIP",
  "SHIPPED",
  "TO_CONFIRM_RECEIVE",
  "IN_CANCEL",
  "CANCELLED",
  "TO_RETURN",
  "COMPLETED",
]);

export function shopeeShopRoutes(ctx: SimContext): Router {
  const router = express.Router();

  // get_shop_info answers flat: the fields sit beside `error` rather than under `response`.
  router.get(
    "/api/v2/shop/get_shop_info",
    shopeeShopApi(ctx, "shop.get_shop_info", ({ shop, now }) => {
      const tokens = Object.values(ctx.store.state.accessTokens).filter(
        (t) => t.shopKey === `shopee:${shop.shopId}` && !t.revoked,
      );
      const authTime = tokens.reduce((min, t) => Math.min(min, t.expiresAt - 4 * 3600), now);
      return {
        flat: {
          shop_name: shop.name,
          region: shop.region,
          status: "NORMAL",
          is_cb: false,
          is_cnsc: false,
          is_sip: false,
          is_upgraded_cbsc: false,
          shop_fulfillment_flag: "Others",
          auth_time: authTime,
          expire_time: authTime + 365 * 86_400,
          merchant_id: null,
          // A plain local shop: no SIP affiliates, no main/direct shop links.
          sip_affi_shops: [],
          is_main_shop: false,
          is_direct_shop: false,
          linked_direct_shop_list: [],
          linked_main_shop_id: 0,
        },
      };
    }),
  );

  router.get(
    "/api/v2/order/get_order_list",
    shopeeShopApi(ctx, "order.get_order_list", ({ params, shop }) => {
      const field = params.get("time_range_field");
      if (field !== "create_time" && field !== "update_time")
        throw new ShopeeError("error_param", "time_range_field must be create_time or update_time.");
      const from = intValue(params, "time_from", { required: true, min: 0 }) ?? 0;
      const to = intValue(params, "time_to", { required: true, min: 0 }) ?? 0;
      if (to < from || to - from > FIFTEEN_DAYS)
        throw new ShopeeError("error_param", "time_to must follow time_from by at most 15 days.");
      const pageSize = intValue(params, "page_size", { required: true, min: 1, max: 100 }) ?? 0;
      const cursor = Number(params.get("cursor") || "0");
      if (!Number.isInteger(cursor) || cursor < 0) throw new ShopeeError("error_param", "Invalid cursor.");
      const status = params.get("order_status");
      if (status && !orderStatuses.has(status)) throw new ShopeeError("error_param", `Invalid order_status ${status}.`);
      const matching = ctx.store.ordersOf(shop).filter((order) => {
        const time = field === "create_time" ? order.createTime : order.updateTime;
        return time >= from && time <= to && (!status || order.status === status);
      });
      const page = matching.slice(cursor, cursor + pageSize);
      const more = cursor + pageSize < matching.length;
      return {
        response: {
          more,
          next_cursor: more ? String(cursor + pageSize) : "",
          order_list: page.map((order) => ({ order_sn: order.id })),
        },
      };
    }),
  );

  router.get(
    "/api/v2/order/get_order_detail",
    shopeeShopApi(ctx, "order.get_order_detail", ({ params, shop }) => {
      const ids = listParam(params, "order_sn_list");
      if (ids.length === 0) throw new ShopeeError("error_param", "order_sn_list is required.");
      if (ids.length > 50)
        throw new ShopeeError("error_param", `order_sn_list accepts at most 50 order_sn; got ${ids.length}.`);
      // response_optional_fields is accepted and not needed: every field is answered (see shopeeOrder).
      const orders = ids.map((id) => ctx.store.findOrder(shop, id)).filter((order) => order !== undefined);
      return { response: { order_list: orders.map((order) => shopeeOrder(shop, order)) } };
    }),
  );

  return router;
}
