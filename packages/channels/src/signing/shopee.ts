import { hmacSha256Hex, hmacSha256Matches, nowSeconds, type RawBody, signaturesMatch, toBytes } from "./hmac";

/**
 * Shopee Open Platform v2 signing (see marketplaces.md). The signature covers identifiers in the
 * query string only; POST bodies are not signed, so a request's JSON body never changes its sign.
 */

/** Which identity the call acts as; it decides what is appended to the base string. */
export type ShopeeSignTarget =
  | { type: "public" }
  | { type: "shop"; accessToken: string; shopId: number | string }
  | { type: "merchant"; accessToken: string; merchantId: number | string };

export interface ShopeeSignInput {
  partnerId: number | string;
  /** URL path without host or query, e.g. `/api/v2/product/update_stock`. */
  path: string;
  /** Unix seconds; the same value must be sent as the `timestamp` query parameter. */
  timestamp: number;
  target: ShopeeSignTarget;
}

/** Seconds a signed timestamp (and an auth_partner link) stays valid. */
export const SHOPEE_TIMESTAMP_WINDOW_SECONDS = 300;

export function shopeeBaseString(input: ShopeeSignInput): string {
  const head = `${input.partnerId}${input.path}${input.timestamp}`;
  switch (input.target.type) {
    case "public":
      return head;
    case "shop":
      return `${head}${input.target.accessToken}${input.target.shopId}`;
    case "merchant":
      return `${head}${input.target.accessToken}${input.target.merchantId}`;
  }
}

export function signShopeeRequest(partnerKey: string, input: ShopeeSignInput): string {
  return hmacSha256Hex(partnerKey, shopeeBaseString(input));
}

export function verifyShopeeRequest(
  partnerKey: string,
  input: ShopeeSignInput,
  sign: string | null | undefined,
): boolean {
  return signaturesMatch(signShopeeRequest(partnerKey, input), sign);
}

/**
 * Shopee documents a 5-minute validity without saying how it treats clock skew into the future,
 * so the window is symmetric: |now - timestamp| <= 300 s.
 */
export function isShopeeTimestampFresh(timestamp: number, now: number = nowSeconds()): boolean {
  return Number.isInteger(timestamp) && Math.abs(now - timestamp) <= SHOPEE_TIMESTAMP_WINDOW_SECONDS;
}

/** Bytes the push `Authorization` header signs: callback URL, `|`, then the raw body unchanged. */
export function shopeePushBaseBytes(callbackUrl: string, rawBody: RawBody): Buffer {
  return Buffer.concat([Buffer.from(`${callbackUrl}|`, "utf8"), toBytes(rawBody)]);
}

export function signShopeePush(partnerKey: string, callbackUrl: string, rawBody: RawBody): string {
  return hmacSha256Hex(partnerKey, shopeePushBaseBytes(callbackUrl, rawBody));
}

/**
 * Verifies a push's `Authorization` header (bare hex, no scheme prefix). Whether Shopee signs the
 * configured callback URL or the URL it actually called is unconfirmed; pass the configured public
 * URL, exactly as registered in the Shopee console.
 */
export function verifyShopeePush(
  partnerKey: string,
  callbackUrl: string,
  rawBody: RawBody,
  authorization: string | null | undefined,
): boolean {
  return hmacSha256Matches(partnerKey, [`${callbackUrl}|`, rawBody], authorization);
}
