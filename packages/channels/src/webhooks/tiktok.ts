import { z } from "zod";
import { type WebhookParseResult } from "../types";
import { type ChannelEvent, type OrderEventKind, type ProductEvent } from "./events";
import { dateFromSeconds, parseJsonBody } from "./json";

export const tiktokWebhookTypes = {
  orderStatus: 1,
  productStatus: 5,
  sellerDeauthorized: 6,
  authorizationExpiring: 7,
  cancellation: 11,
  returnStatus: 12,
  productInformation: 15,
  productCreated: 16,
  inventoryStatus: 27,
} as const;

/** TikTok sends ids as strings, but some payloads carry numbers: accept both, keep strings. */
const id = z.union([z.string().min(1), z.number()]).transform((value) => String(value));
const seconds = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

const envelopeSchema = z.looseObject({
  type: z.number().int(),
  tts_notification_id: id,
  shop_id: id.optional(),
  timestamp: seconds.optional(),
  data: z.unknown().optional(),
});

const orderSchema = z.looseObject({
  order_id: id,
  order_status: z.string().optional(),
  update_time: seconds.optional(),
});
const reverseSchema = z.looseObject({
  order_id: id,
  update_time: seconds.optional(),
  create_time: seconds.optional(),
});
const productStatusSchema = z.looseObject({
  product_id: id,
  status: z.string().optional(),
  suspended_reason: z.string().optional(),
  update_time: seconds.optional(),
});
const productInfoSchema = z.looseObject({
  product_id: id,
  change_source: z.string().optional(),
  changed_fields: z.array(z.string()).default([]),
  update_time: seconds.optional(),
});
const productCreatedSchema = z.looseObject({
  product_id: id,
  status: z.string().optional(),
  create_time: seconds.optional(),
});
const expiringSchema = z.looseObject({ expiration_time: seconds.optional() });
const inventorySchema = z.looseObject({
  product_id: id,
  sku_id: id.optional(),
  inventory_status: z.string().optional(),
  status: z.string().optional(),
  update_time: seconds.optional(),
});

export function tiktokOrderEventKind(status: string | undefined): OrderEventKind {
  switch (status) {
    case "UNPAID":
      return "order.created";
    // ON_HOLD is paid but still cancellable by the buyer; both count as paid for reservations.
    case "ON_HOLD":
    case "AWAITING_SHIPMENT":
      return "order.paid";
    case "IN_TRANSIT":
      return "order.shipped";
    case "CANCEL":
    case "CANCELLED":
      return "order.cancelled";
    default:
      return "order.updated";
  }
}

function productStatusKind(status: string | undefined): ProductEvent["kind"] {
  if (status === "DELETED") return "product.deleted";
  if (status === "PLATFORM_DEACTIVATED" || status === "FREEZE") return "product.banned";
  return "product.changed";
}

function changeSource(value: string | undefined): ProductEvent["source"] {
  if (value === "SELLER_CENTER") return "seller_center";
  if (value === "OPEN_API") return "open_api";
  return null;
}

function inventoryReason(status: string | undefined): "low_stock" | "out_of_stock" | "other" {
  const normalized = status?.toUpperCase() ?? "";
  if (normalized.includes("OUT")) return "out_of_stock";
  if (normalized.includes("LOW")) return "low_stock";
  return "other";
}

type Envelope = z.infer<typeof envelopeSchema>;
type Parsed = { events: ChannelEvent[] } | { invalid: string };

function eventsFor(envelope: Envelope, shopId: string | null, sentAt: Date | null): Parsed | null {
  const data = envelope.data ?? {};
  const base = { shopId, occurredAt: sentAt };
  const fail = (error: z.ZodError): Parsed => ({ invalid: z.prettifyError(error) });
  const at = (value: number | undefined) => dateFromSeconds(value) ?? sentAt;

  switch (envelope.type) {
    case tiktokWebhookTypes.orderStatus: {
      const parsed = orderSchema.safeParse(data);
      if (!parsed.success) return fail(parsed.error);
      const order = parsed.data;
      return {
        events: [
          {
            kind: tiktokOrderEventKind(order.order_status),
            ...base,
            occurredAt: at(order.update_time),
            orderId: order.order_id,
            status: order.order_status ?? null,
          },
        ],
      };
    }
    case tiktokWebhookTypes.cancellation:
    case tiktokWebhookTypes.returnStatus: {
      const parsed = reverseSchema.safeParse(data);
      if (!parsed.success) return fail(parsed.error);
      const detail = envelope.type === tiktokWebhookTypes.cancellation ? "cancellation_request" : "return";
      return {
        events: [
          {
            kind: "order.updated",
            ...base,
            occurredAt: at(parsed.data.update_time ?? parsed.data.create_time),
            orderId: parsed.data.order_id,
            status: null,
            detail,
          },
        ],
      };
    }
    case tiktokWebhookTypes.productStatus: {
      const parsed = productStatusSchema.safeParse(data);
      if (!parsed.success) return fail(parsed.error);
      const product = parsed.data;
      return {
        events: [
          {
            kind: productStatusKind(product.status),
            ...base,
            occurredAt: at(product.update_time),
            productId: product.product_id,
            status: product.status ?? null,
            changedFields: ["status"],
            source: product.status === "SELLER_DEACTIVATED" ? "seller_center" : "platform",
            reason: product.suspended_reason ?? null,
          },
        ],
      };
    }
    case tiktokWebhookTypes.productInformation: {
      const parsed = productInfoSchema.safeParse(data);
      if (!parsed.success) return fail(parsed.error);
      return {
        events: [
          {
            kind: "product.changed",
            ...base,
            occurredAt: at(parsed.data.update_time),
            productId: parsed.data.product_id,
            status: null,
            changedFields: parsed.data.changed_fields,
            source: changeSource(parsed.data.change_source),
            reason: null,
          },
        ],
      };
    }
    case tiktokWebhookTypes.productCreated: {
      const parsed = productCreatedSchema.safeParse(data);
      if (!parsed.success) return fail(parsed.error);
      return {
        events: [
          {
            kind: "product.created",
            ...base,
            occurredAt: at(parsed.data.create_time),
            productId: parsed.data.product_id,
            status: parsed.data.status ?? null,
            changedFields: [],
            source: null,
            reason: null,
          },
        ],
      };
    }
    case tiktokWebhookTypes.inventoryStatus: {
      const parsed = inventorySchema.safeParse(data);
      if (!parsed.success) return fail(parsed.error);
      return {
        events: [
          {
            kind: "stock.changed",
            ...base,
            occurredAt: at(parsed.data.update_time),
            productId: parsed.data.product_id,
            variantId: parsed.data.sku_id ?? null,
            reason: inventoryReason(parsed.data.inventory_status ?? parsed.data.status),
          },
        ],
      };
    }
    case tiktokWebhookTypes.sellerDeauthorized:
      return { events: [{ kind: "shop.deauthorized", ...base, expiresAt: null }] };
    case tiktokWebhookTypes.authorizationExpiring: {
      const parsed = expiringSchema.safeParse(data);
      if (!parsed.success) return fail(parsed.error);
      return {
        events: [{ kind: "authorization.expiring", ...base, expiresAt: dateFromSeconds(parsed.data.expiration_time) }],
      };
    }
    default:
      return null;
  }
}

/** TikTok's identity is `tts_notification_id`; retries repeat it, so dedupe on it. */
export function parseTikTokWebhook(rawBody: string | Uint8Array): WebhookParseResult {
  const json = parseJsonBody(rawBody);
  const none = { platform: "tiktok" as const, eventKey: null, type: null, shopId: null };
  if (!json.ok) return { ok: false, ...none, reason: "invalid_json", message: json.message };
  const envelope = envelopeSchema.safeParse(json.value);
  if (!envelope.success) {
    return { ok: false, ...none, reason: "invalid_shape", message: z.prettifyError(envelope.error) };
  }
  const shopId = envelope.data.shop_id ?? null;
  const sentAt = dateFromSeconds(envelope.data.timestamp);
  const known = {
    platform: "tiktok" as const,
    eventKey: envelope.data.tts_notification_id,
    type: envelope.data.type,
    shopId,
  };
  const parsed = eventsFor(envelope.data, shopId, sentAt);
  if (parsed === null) {
    return {
      ok: false,
      ...known,
      reason: "unknown_type",
      message: `Unknown TikTok Shop webhook type ${envelope.data.type}`,
    };
  }
  if ("invalid" in parsed) return { ok: false, ...known, reason: "invalid_shape", message: parsed.invalid };
  return { ok: true, ...known, sentAt, events: parsed.events };
}
