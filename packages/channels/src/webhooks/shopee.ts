import { z } from "zod";
import { type WebhookParseResult } from "../types";
import { type ChannelEvent, type OrderEventKind } from "./events";
import { canonicalJson, dateFromSeconds, parseJsonBody, sha256Hex } from "./json";

/** Push codes we understand (marketplaces.md); 22 is unconfirmed. */
export const shopeePushCodes = {
  shopAuthorized: 1,
  shopDeauthorized: 2,
  orderStatus: 3,
  trackingNumber: 4,
  bannedItem: 6,
  reservedStock: 8,
  authorizationExpiring: 12,
  priceUpdate: 22,
} as const;

const id = z.union([z.string().min(1), z.number()]).transform((value) => String(value));

const envelopeSchema = z.looseObject({
  code: z.number().int(),
  shop_id: id.optional(),
  timestamp: z.number().optional(),
  msg_id: z.string().min(1).optional(),
  data: z.unknown().optional(),
});

const shopDataSchema = z.looseObject({ shop_id: id.optional() });
const orderDataSchema = z.looseObject({
  ordersn: z.string().min(1),
  status: z.string().optional(),
  update_time: z.number().optional(),
});
const trackingDataSchema = z.looseObject({
  ordersn: z.string().min(1),
  tracking_no: z.string().optional(),
  package_number: z.string().optional(),
});
const itemDataSchema = z.looseObject({
  item_id: id,
  item_status: z.string().optional(),
  ban_reason: z.string().optional(),
  deleted_reason: z.string().optional(),
  reason: z.string().optional(),
  update_time: z.number().optional(),
});
const reservedStockDataSchema = z.looseObject({
  item_id: id,
  model_id: id.optional(),
  variation_id: id.optional(),
  update_time: z.number().optional(),
});
const expiringDataSchema = z.looseObject({
  shop_expire_soon: z.array(id).default([]),
  merchant_expire_soon: z.array(id).default([]),
  expire_before: z.number().optional(),
});
const priceDataSchema = z.looseObject({
  item_id: id,
  model_id: id.optional(),
  update_time: z.number().optional(),
});

/** How Shopee order statuses map onto our order events. */
export function shopeeOrderEventKind(status: string | undefined): OrderEventKind {
  switch (status) {
    case "UNPAID":
      return "order.created";
    case "READY_TO_SHIP":
      return "order.paid";
    case "SHIPPED":
      return "order.shipped";
    case "CANCELLED":
      return "order.cancelled";
    default:
      // PROCESSED, RETRY_SHIP, TO_CONFIRM_RECEIVE, IN_CANCEL (requested, not yet cancelled),
      // TO_RETURN, COMPLETED: the worker re-reads the order.
      return "order.updated";
  }
}

type Envelope = z.infer<typeof envelopeSchema>;
type Parsed = { events: ChannelEvent[] } | { invalid: string };

function eventsFor(envelope: Envelope, shopId: string | null, sentAt: Date | null): Parsed | null {
  const data = envelope.data ?? {};
  const base = { shopId, occurredAt: sentAt };
  const fail = (error: z.ZodError): Parsed => ({ invalid: z.prettifyError(error) });

  switch (envelope.code) {
    case shopeePushCodes.shopAuthorized:
    case shopeePushCodes.shopDeauthorized: {
      const parsed = shopDataSchema.safeParse(data);
      if (!parsed.success) return fail(parsed.error);
      const kind = envelope.code === shopeePushCodes.shopAuthorized ? "shop.authorized" : "shop.deauthorized";
      return { events: [{ kind, ...base, shopId: parsed.data.shop_id ?? shopId, expiresAt: null }] };
    }
    case shopeePushCodes.orderStatus: {
      const parsed = orderDataSchema.safeParse(data);
      if (!parsed.success) return fail(parsed.error);
      const order = parsed.data;
      return {
        events: [
          {
            kind: shopeeOrderEventKind(order.status),
            ...base,
            occurredAt: dateFromSeconds(order.update_time) ?? sentAt,
            orderId: order.ordersn,
            status: order.status ?? null,
          },
        ],
      };
    }
    case shopeePushCodes.trackingNumber: {
      const parsed = trackingDataSchema.safeParse(data);
      if (!parsed.success) return fail(parsed.error);
      return {
        events: [
          {
            kind: "order.updated",
            ...base,
            orderId: parsed.data.ordersn,
            status: null,
            detail: "tracking",
            ...(parsed.data.tracking_no ? { trackingNumber: parsed.data.tracking_no } : {}),
          },
        ],
      };
    }
    case shopeePushCodes.bannedItem: {
      const parsed = itemDataSchema.safeParse(data);
      if (!parsed.success) return fail(parsed.error);
      const item = parsed.data;
      const deleted = item.item_status === "SHOPEE_DELETE" || item.item_status === "SELLER_DELETE";
      return {
        events: [
          {
            kind: deleted ? "product.deleted" : "product.banned",
            ...base,
            occurredAt: dateFromSeconds(item.update_time) ?? sentAt,
            productId: item.item_id,
            status: item.item_status ?? null,
            changedFields: ["status"],
            source: "platform",
            reason: item.ban_reason ?? item.deleted_reason ?? item.reason ?? null,
          },
        ],
      };
    }
    case shopeePushCodes.reservedStock: {
      const parsed = reservedStockDataSchema.safeParse(data);
      if (!parsed.success) return fail(parsed.error);
      const change = parsed.data;
      return {
        events: [
          {
            kind: "stock.changed",
            ...base,
            occurredAt: dateFromSeconds(change.update_time) ?? sentAt,
            productId: change.item_id,
            variantId: change.model_id ?? change.variation_id ?? null,
            reason: "reserved",
          },
        ],
      };
    }
    case shopeePushCodes.authorizationExpiring: {
      const parsed = expiringDataSchema.safeParse(data);
      if (!parsed.success) return fail(parsed.error);
      const expiresAt = dateFromSeconds(parsed.data.expire_before);
      // Partner-level push listing every shop that expires soon: one event per shop.
      return {
        events: parsed.data.shop_expire_soon.map((expiringShopId) => ({
          kind: "authorization.expiring" as const,
          shopId: expiringShopId,
          occurredAt: sentAt,
          expiresAt,
        })),
      };
    }
    case shopeePushCodes.priceUpdate: {
      const parsed = priceDataSchema.safeParse(data);
      if (!parsed.success) return fail(parsed.error);
      return {
        events: [
          {
            kind: "product.changed",
            ...base,
            occurredAt: dateFromSeconds(parsed.data.update_time) ?? sentAt,
            productId: parsed.data.item_id,
            status: null,
            changedFields: ["price"],
            source: null,
            reason: null,
          },
        ],
      };
    }
    default:
      return null;
  }
}

/**
 * Shopee push identity: `msg_id` when the push carries one (unconfirmed), else the SHA-256 of the
 * canonical body, so a redelivery of the same push (even re-serialised) is recognised.
 */
export function shopeeEventKey(envelope: { msg_id?: string | undefined }, body: unknown): string {
  return envelope.msg_id ?? `sha256:${sha256Hex(canonicalJson(body))}`;
}

export function parseShopeePush(rawBody: string | Uint8Array): WebhookParseResult {
  const json = parseJsonBody(rawBody);
  const none = { platform: "shopee" as const, eventKey: null, type: null, shopId: null };
  if (!json.ok) return { ok: false, ...none, reason: "invalid_json", message: json.message };
  const envelope = envelopeSchema.safeParse(json.value);
  if (!envelope.success) {
    return { ok: false, ...none, reason: "invalid_shape", message: z.prettifyError(envelope.error) };
  }
  const eventKey = shopeeEventKey(envelope.data, json.value);
  const shopId = envelope.data.shop_id ?? null;
  const sentAt = dateFromSeconds(envelope.data.timestamp);
  const known = { platform: "shopee" as const, eventKey, type: envelope.data.code, shopId };
  const parsed = eventsFor(envelope.data, shopId, sentAt);
  if (parsed === null) {
    return { ok: false, ...known, reason: "unknown_type", message: `Unknown Shopee push code ${envelope.data.code}` };
  }
  if ("invalid" in parsed) return { ok: false, ...known, reason: "invalid_shape", message: parsed.invalid };
  return { ok: true, ...known, sentAt, events: parsed.events };
}
