import { z } from "zod";
import { ChannelError } from "../errors";
import { decimalFromNumber } from "../money";
import { type ShopeeSignTarget } from "../signing/shopee";
import {
  type ListOrdersInput,
  type MarketplaceOrder,
  type MarketplaceOrderLine,
  type OrderCanceller,
  type OrderPage,
} from "../types";
import { type ShopeeClient } from "./client";

const id = z.union([z.number(), z.string().min(1)]).transform((value) => String(value));

const orderListSchema = z.looseObject({
  more: z.boolean().default(false),
  next_cursor: z.string().optional(),
  order_list: z.array(z.looseObject({ order_sn: z.string().min(1) })).default([]),
});

const orderDetailSchema = z.looseObject({
  order_list: z
    .array(
      z.looseObject({
        order_sn: z.string().min(1),
        order_status: z.string(),
        currency: z.string().optional(),
        total_amount: z.number().optional(),
        create_time: z.number().optional(),
        update_time: z.number().optional(),
        pay_time: z.number().optional(),
        cancel_by: z.string().optional(),
        cancel_reason: z.string().optional(),
        fulfillment_flag: z.string().optional(),
        item_list: z
          .array(
            z.looseObject({
              item_id: id.optional(),
              model_id: id.optional(),
              item_sku: z.string().optional(),
              model_sku: z.string().optional(),
              model_quantity_purchased: z.number().int().default(1),
              model_discounted_price: z.number().optional(),
              model_original_price: z.number().optional(),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});

const trackingSchema = z.looseObject({ tracking_number: z.string().optional() });

/**
 * Statuses in which a shipment has been arranged, so the carrier may have issued a tracking number.
 * Before that, get_tracking_number refuses (or answers empty); it is not asked.
 */
const SHIPPED_STATUSES = new Set([
  "PROCESSED",
  "RETRY_SHIP",
  "SHIPPED",
  "TO_CONFIRM_RECEIVE",
  "COMPLETED",
  "TO_RETURN",
]);

/** Shopee lets one get_order_list query span at most 15 days. */
export const SHOPEE_ORDER_WINDOW_SECONDS = 15 * 86_400;
const DETAIL_LIMIT = 50;
const MAX_PAGE_SIZE = 100;
/** get_order_detail returns only the basics unless these are asked for (it has no tracking number). */
const DETAIL_FIELDS =
  "item_list,total_amount,update_time,currency,pay_time,cancel_by,cancel_reason,fulfillment_flag,package_list";

/** Shopee `cancel_by`: buyer, seller, system or Ops (Shopee's operations team). */
function canceller(value: string | undefined): OrderCanceller | null {
  const normalized = value?.trim().toLowerCase();
  if (!normalized) return null;
  if (normalized === "buyer" || normalized === "seller") return normalized;
  return "platform";
}

const date = (seconds: number | undefined) => (seconds ? new Date(seconds * 1000) : null);

function toOrder(
  order: z.infer<typeof orderDetailSchema>["order_list"][number],
  decimals: number,
  trackingNumber: string | null,
): MarketplaceOrder {
  const currency = order.currency ?? null;
  const money = (value: number | undefined) =>
    value === undefined || currency === null ? null : { amount: decimalFromNumber(value, decimals), currency };
  const lines: MarketplaceOrderLine[] = order.item_list.map((item) => ({
    productId: item.item_id ?? null,
    // Shopee reports model 0 for an item without models, the same id its price and stock calls use.
    variantId: item.model_id ?? null,
    sku: item.model_sku || item.item_sku || null,
    quantity: item.model_quantity_purchased,
    unitPrice: money(item.model_discounted_price ?? item.model_original_price),
  }));
  return {
    orderId: order.order_sn,
    status: order.order_status,
    currency,
    total: money(order.total_amount),
    createdAt: date(order.create_time),
    updatedAt: date(order.update_time),
    trackingNumber,
    paidAt: date(order.pay_time),
    cancelledBy: canceller(order.cancel_by),
    cancelReason: order.cancel_reason || null,
    fulfilledByPlatform: order.fulfillment_flag === "fulfilled_by_shopee",
    lines,
  };
}

/**
 * `GET /api/v2/logistics/get_tracking_number` (API v2): the documented home of an order's tracking
 * number. Empty until the carrier issues one; a `logistics.*` refusal (order still being allocated,
 * split order) also means "none yet" rather than a failed read.
 */
export async function shopeeTrackingNumber(
  client: ShopeeClient,
  target: ShopeeSignTarget,
  orderSn: string,
): Promise<string | null> {
  try {
    const { data } = await client.call(
      // API version: Shopee Open Platform v2 (v2.logistics.get_tracking_number).
      { method: "GET", path: "/api/v2/logistics/get_tracking_number", target, query: { order_sn: orderSn } },
      trackingSchema,
    );
    return data.tracking_number || null;
  } catch (error) {
    if (error instanceof ChannelError && error.platformCode?.startsWith("logistics.")) return null;
    throw error;
  }
}

/**
 * `GET /api/v2/order/get_order_detail` (API v2), at most 50 order_sn per call; then, for orders
 * whose shipment is arranged, their tracking numbers from get_tracking_number.
 */
export async function shopeeGetOrders(
  client: ShopeeClient,
  target: ShopeeSignTarget,
  orderIds: readonly string[],
  decimals: number,
): Promise<MarketplaceOrder[]> {
  const orders: MarketplaceOrder[] = [];
  for (let start = 0; start < orderIds.length; start += DETAIL_LIMIT) {
    const ids = orderIds.slice(start, start + DETAIL_LIMIT);
    const { data } = await client.call(
      {
        method: "GET",
        // API version: Shopee Open Platform v2 (v2.order.get_order_detail).
        path: "/api/v2/order/get_order_detail",
        target,
        query: { order_sn_list: ids.join(","), response_optional_fields: DETAIL_FIELDS },
      },
      orderDetailSchema,
    );
    for (const order of data.order_list) {
      const tracking = SHIPPED_STATUSES.has(order.order_status)
        ? await shopeeTrackingNumber(client, target, order.order_sn)
        : null;
      orders.push(toOrder(order, decimals, tracking));
    }
  }
  return orders;
}

/** Orders updated in the window: `GET /api/v2/order/get_order_list` (API v2), then their details. */
export async function shopeeListOrders(
  client: ShopeeClient,
  target: ShopeeSignTarget,
  input: ListOrdersInput,
  decimals: number,
): Promise<OrderPage> {
  const to = Math.floor((input.updatedUntil?.getTime() ?? client.nowSeconds() * 1000) / 1000);
  const from = Math.max(Math.floor(input.updatedSince.getTime() / 1000), to - SHOPEE_ORDER_WINDOW_SECONDS, 0);
  const { data } = await client.call(
    {
      method: "GET",
      // API version: Shopee Open Platform v2 (v2.order.get_order_list).
      path: "/api/v2/order/get_order_list",
      target,
      query: {
        time_range_field: input.timeField ?? "update_time",
        time_from: from,
        time_to: to,
        ...(input.status ? { order_status: input.status } : {}),
        page_size: Math.min(Math.max(input.pageSize ?? MAX_PAGE_SIZE, 1), MAX_PAGE_SIZE),
        cursor: input.pageToken ?? "",
      },
    },
    orderListSchema,
  );
  const orders = await shopeeGetOrders(
    client,
    target,
    data.order_list.map((order) => order.order_sn),
    decimals,
  );
  return { orders, nextPageToken: data.more && data.next_cursor ? data.next_cursor : null };
}
