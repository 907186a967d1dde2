import express, { type Router } from "express";
import { type SimContext } from "../context";
import { shopeeShopApi } from "./api";
import { ShopeeError } from "./errors";

/** Fields `response_optional_fields` may ask for (documented: plp_number, first/last mile numbers). */
const OPTIONAL_FIELDS = new Set(["plp_number", "first_mile_tracking_number", "last_mile_tracking_number"]);

/**
 * `GET /api/v2/logistics/get_tracking_number` (v2.logistics.get_tracking_number): where Shopee puts
 * an order's tracking number; the documented order detail carries none. The number comes from the
 * carrier after the shipment is arranged, so it may be empty (with a `hint`) until then.
 */
export function shopeeLogisticsRoutes(ctx: SimContext): Router {
  const router = express.Router();

  router.get(
    "/api/v2/logistics/get_tracking_number",
    shopeeShopApi(ctx, "logistics.get_tracking_number", ({ params, shop }) => {
      const orderSn = params.get("order_sn");
      if (!orderSn) throw new ShopeeError("error_param", "Wrong parameters, detail: order_sn is required.");
      const order = ctx.store.findOrder(shop, orderSn);
      if (!order) throw new ShopeeError("logistics.invalid_error", "The order is not exist.");
      const asked = (params.get("response_optional_fields") ?? "")
        .split(",")
        .map((field) => field.trim())
        .filter((field) => OPTIONAL_FIELDS.has(field));
      const trackingNumber = order.trackingNumber ?? "";
      return {
        response: {
          tracking_number: trackingNumber,
          ...Object.fromEntries(asked.map((field) => [field, ""])),
          hint: trackingNumber ? "" : "The tracking number is not available until the shipment is arranged.",
        },
      };
    }),
  );

  return router;
}
