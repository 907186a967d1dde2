import { verifyShopeePush, verifyTikTokWebhook } from "@syncstore/channels/signing";
import { parseShopeePush, parseTikTokWebhook, type WebhookParseResult } from "@syncstore/channels/webhooks";
import { type WebhookPlatform } from "./metrics";

export interface WebhookCredentials {
  shopee: {
    partnerKey: string;
    /** The callback URL registered with Shopee (config's `webhookCallbackUrls`): Shopee signs it. */
    callbackUrl: string;
  };
  tiktok: { appKey: string; appSecret: string };
}

/** How one platform's webhooks are checked and read. */
export interface PlatformSpec {
  platform: WebhookPlatform;
  /** Constant-time check of the `Authorization` header over the exact received bytes. */
  verify(rawBody: Buffer, signature: string): boolean;
  parse(rawBody: Buffer): WebhookParseResult;
}

export function platformSpecs(credentials: WebhookCredentials): Record<WebhookPlatform, PlatformSpec> {
  const { shopee, tiktok } = credentials;
  return {
    shopee: {
      platform: "shopee",
      verify: (rawBody, signature) => verifyShopeePush(shopee.partnerKey, shopee.callbackUrl, rawBody, signature),
      parse: (rawBody) => parseShopeePush(rawBody),
    },
    tiktok: {
      platform: "tiktok",
      verify: (rawBody, signature) => verifyTikTokWebhook(tiktok.appSecret, tiktok.appKey, rawBody, signature),
      parse: (rawBody) => parseTikTokWebhook(rawBody),
    },
  };
}

export interface Envelope {
  /** The message's `timestamp` (Unix seconds), when it has a usable one. */
  timestamp: number | null;
  /** `shop_id` of the body (or of `data` for partner-level pushes), as claimed by the sender. */
  shopId: string | null;
}

const SHOP_ID = /^[0-9A-Za-z_-]{1,64}$/;

function shopIdOf(value: unknown): string | null {
  const text = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
  return typeof text === "string" && SHOP_ID.test(text) ? text : null;
}

/**
 * The two envelope fields the gateway needs before (or without) a full parse: the timestamp for
 * the replay window and the claimed shop for counting rejections. Never throws.
 */
export function peekEnvelope(rawBody: Buffer): Envelope {
  let value: unknown;
  try {
    value = JSON.parse(rawBody.toString("utf8"));
  } catch {
    return { timestamp: null, shopId: null };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { timestamp: null, shopId: null };
  const body = value as Record<string, unknown>;
  const rawTimestamp =
    typeof body.timestamp === "string" && /^\d{1,12}$/.test(body.timestamp) ? Number(body.timestamp) : body.timestamp;
  const timestamp = typeof rawTimestamp === "number" && Number.isFinite(rawTimestamp) ? rawTimestamp : null;
  const data = body.data !== null && typeof body.data === "object" ? (body.data as Record<string, unknown>) : {};
  return { timestamp, shopId: shopIdOf(body.shop_id) ?? shopIdOf(data.shop_id) };
}

export interface TimestampWindow {
  /** Oldest accepted message, in seconds before now. */
  maxAgeSeconds: number;
  /** How far ahead of our clock a sender's clock may be. */
  maxSkewSeconds: number;
}

/** Messages without a timestamp are not refused here: the parser decides what they are. */
export function isTimestampAcceptable(
  timestamp: number | null,
  window: TimestampWindow,
  nowSeconds = Date.now() / 1000,
): boolean {
  if (timestamp === null) return true;
  return timestamp >= nowSeconds - window.maxAgeSeconds && timestamp <= nowSeconds + window.maxSkewSeconds;
}
