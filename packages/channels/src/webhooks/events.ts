/**
 * Normalized webhook events, the same for every marketplace. Each carries the platform's raw
 * status so the worker can re-read the order or product; jobs read current state anyway, so an
 * event is a hint of what to look at, not the truth to apply.
 */

interface EventBase {
  shopId: string | null;
  /** When the platform says the change happened (falls back to the message timestamp). */
  occurredAt: Date | null;
}

export type OrderEventKind = "order.created" | "order.paid" | "order.cancelled" | "order.shipped" | "order.updated";

export interface OrderEvent extends EventBase {
  kind: OrderEventKind;
  orderId: string;
  /** Platform status ("READY_TO_SHIP", "AWAITING_SHIPMENT", …) or null when the push has none. */
  status: string | null;
  /** Why an `order.updated` fired when it is not a status change. */
  detail?: "tracking" | "cancellation_request" | "return";
  trackingNumber?: string;
}

export interface StockChangedEvent extends EventBase {
  kind: "stock.changed";
  productId: string;
  variantId: string | null;
  /** Reserved stock moved (Shopee) or stock ran low or out (TikTok); neither gives every change. */
  reason: "reserved" | "low_stock" | "out_of_stock" | "other";
}

export interface ProductEvent extends EventBase {
  kind: "product.created" | "product.changed" | "product.deleted" | "product.banned";
  productId: string;
  status: string | null;
  /** Fields the platform says changed, when it says. */
  changedFields: string[];
  /** TikTok `change_source`: lets the worker ignore echoes of our own OPEN_API edits. */
  source: "seller_center" | "open_api" | "platform" | null;
  reason: string | null;
}

export interface ShopEvent extends EventBase {
  kind: "shop.authorized" | "shop.deauthorized" | "authorization.expiring";
  /** For `authorization.expiring`: when access ends, when known. */
  expiresAt: Date | null;
}

export type ChannelEvent = OrderEvent | StockChangedEvent | ProductEvent | ShopEvent;
export type ChannelEventKind = ChannelEvent["kind"];
