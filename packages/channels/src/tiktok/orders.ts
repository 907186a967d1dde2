import { z } from "zod";
import {
  type ListOrdersInput,
  type MarketplaceOrder,
  type MarketplaceOrderLine,
  type OrderCanceller,
  type OrderPage,
} from "../types";
import { type TikTokClient } from "./client";

const id = z.union([z.string().min(1), z.number()]).transform((value) => String(value));
const seconds = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

const orderSchema = z.looseObject({
  id,
  status: z.string(),
  create_time: seconds.optional(),
  update_time: seconds.optional(),
  tracking_number: z.string().optional(),
  paid_time: seconds.optional(),
  cancellation_initiator: z.string().optional(),
  cancel_reason: z.string().optional(),
  payment: z.looseObject({ currency: z.string().optional(), total_amount: z.string().optional() }).optional(),
  line_items: z
    .array(
      z.looseObject({
        product_id: id.optional(),
        sku_id: id.optional(),
        seller_sku: z.string().optional(),
        currency: z.string().optional(),
        sale_price: z.string().optional(),
      }),
    )
    .default([]),
});

const searchSchema = z.looseObject({
  orders: z.array(orderSchema).default([]),
  next_page_token: z.string().optional(),
  total_count: z.number().int().optional(),
});
const getSchema = z.looseObject({ orders: z.array(orderSchema).default([]) });

const GET_LIMIT = 50;
const MAX_PAGE_SIZE = 100;

const date = (value: number | undefined) => (value ? new Date(value * 1000) : null);

/** TikTok `cancellation_initiator`: BUYER, SELLER, OPERATOR or SYSTEM. */
function canceller(value: string | undefined): OrderCanceller | null {
  const normalized = value?.trim().toUpperCase();
  if (!normalized) return null;
  if (normalized === "BUYER") return "buyer";
  if (normalized === "SELLER") return "seller";
  return "platform";
}

/** TikTok lists one line item per unit bought: fold them per SKU and price. */
function toOrder(order: z.infer<typeof orderSchema>): MarketplaceOrder {
  const currency = order.payment?.currency ?? order.line_items[0]?.currency ?? null;
  const lines = new Map<string, MarketplaceOrderLine>();
  for (const item of order.line_items) {
    const key = `${item.product_id ?? ""}|${item.sku_id ?? ""}|${item.seller_sku ?? ""}|${item.sale_price ?? ""}`;
    const existing = lines.get(key);
    if (existing) {
      existing.quantity += 1;
      continue;
    }
    const lineCurrency = item.currency ?? currency;
    lines.set(key, {
      productId: item.product_id ?? null,
      variantId: item.sku_id ?? null,
      sku: item.seller_sku || null,
      quantity: 1,
      unitPrice: item.sale_price && lineCurrency ? { amount: item.sale_price, currency: lineCurrency } : null,
    });
  }
  return {
    orderId: order.id,
    status: order.status,
    currency,
    total: order.payment?.total_amount && currency ? { amount: order.payment.total_amount, currency } : null,
    createdAt: date(order.create_time),
    updatedAt: date(order.update_time),
    trackingNumber: order.tracking_number || null,
    paidAt: date(order.paid_time),
    cancelledBy: canceller(order.cancellation_initiator),
    cancelReason: order.cancel_reason || null,
    fulfilledByPlatform: false,
    lines: [...lines.values()],
  };
}

export async function tiktokListOrders(
  client: TikTokClient,
  shop: { accessToken: string; shopCipher: string },
  input: ListOrdersInput,
): Promise<OrderPage> {
  const { data } = await client.call(
    {
      method: "POST",
      // API version: TikTok Shop 202309 (Get Order List).
      path: "/order/202309/orders/search",
      ...shop,
      query: {
        page_size: Math.min(Math.max(input.pageSize ?? MAX_PAGE_SIZE, 1), MAX_PAGE_SIZE),
        page_token: input.pageToken ?? undefined,
      },
      body:
        input.timeField === "create_time"
          ? {
              create_time_ge: Math.floor(input.updatedSince.getTime() / 1000),
              ...(input.updatedUntil ? { create_time_lt: Math.ceil(input.updatedUntil.getTime() / 1000) } : {}),
              ...(input.status ? { order_status: input.status } : {}),
            }
          : {
              update_time_ge: Math.floor(input.updatedSince.getTime() / 1000),
              ...(input.updatedUntil ? { update_time_lt: Math.ceil(input.updatedUntil.getTime() / 1000) } : {}),
              ...(input.status ? { order_status: input.status } : {}),
            },
    },
    searchSchema,
  );
  return { orders: data.orders.map(toOrder), nextPageToken: data.next_page_token ? data.next_page_token : null };
}

/** Order details take at most 50 ids per call. */
export async function tiktokGetOrders(
  client: TikTokClient,
  shop: { accessToken: string; shopCipher: string },
  orderIds: readonly string[],
): Promise<MarketplaceOrder[]> {
  const orders: MarketplaceOrder[] = [];
  for (let start = 0; start < orderIds.length; start += GET_LIMIT) {
    const ids = orderIds.slice(start, start + GET_LIMIT);
    const { data } = await client.call(
      // API version: TikTok Shop 202309 (Get Order Detail; 202507 exists and is not used).
      { method: "GET", path: "/order/202309/orders", ...shop, query: { ids: ids.join(",") } },
      getSchema,
    );
    orders.push(...data.orders.map(toOrder));
  }
  return orders;
}
