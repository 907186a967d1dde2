import { hmacSha256Hex, hmacSha256Matches, nowSeconds, type RawBody, signaturesMatch, toBytes } from "./hmac";

/**
 * TikTok Shop (API 202309+) signing (see marketplaces.md): sorted query parameters except `sign`
 * and `access_token`, concatenated as key+value after the path, then the raw body unless the
 * request is multipart, the whole wrapped in the app secret and HMAC-SHA256'd with it.
 *
 * Empty bodies. Source: TikTok Shop Partner Center, "Sign your API request"
 * (https://partner.tiktokshop.com/docv2/page/sign-your-api-request), whose official samples
 * disagree: the Go and Java samples append the body bytes exactly as sent (so a sent `{}` is
 * signed), the Node.js and Python samples append the body only when it is a non-empty object (so
 * `{}` is left out while still being sent). Our choice makes the case moot rather than guessing:
 * - we sign exactly the bytes we send (the Go/Java reading, and what any server can verify);
 * - a call that takes no body (every GET) sends none, so nothing is appended under either reading;
 * - no call sends an empty object: where a body would be empty we send the documented default
 *   instead (product search: `{"status":"ALL"}`), and the client refuses `{}` outright.
 * The simulator verifies the bytes as sent and can be switched to the Node.js/Python reading
 * (SIM_TIKTOK_EMPTY_BODY_SIGNING=omitted|either) to replay what other clients do.
 */

/**
 * Query parameters as sent. Repeated keys keep their order; how TikTok treats repeated keys is
 * unconfirmed (its APIs do not use them), so each occurrence contributes key+value in send order.
 */
export type TikTokQuery =
  URLSearchParams | Readonly<Record<string, string | number | readonly (string | number)[] | undefined>>;

export interface TikTokSignInput {
  /** URL path without host or query, e.g. `/product/202309/products/search`. */
  path: string;
  query: TikTokQuery;
  /** Exact body bytes sent; omit for bodiless requests. */
  body?: RawBody;
  /** The request's Content-Type; multipart bodies are left out of the signature. */
  contentType?: string;
}

/** Parameters the signature never covers. */
const UNSIGNED_PARAMS = new Set(["sign", "access_token"]);

/** TikTok accepts timestamps at most 5 minutes old and at most 30 seconds ahead. */
export const TIKTOK_TIMESTAMP_MAX_AGE_SECONDS = 300;
export const TIKTOK_TIMESTAMP_MAX_SKEW_AHEAD_SECONDS = 30;

function queryPairs(query: TikTokQuery): [string, string][] {
  if (query instanceof URLSearchParams) return [...query.entries()];
  const pairs: [string, string][] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const item of values as readonly (string | number)[]) pairs.push([key, String(item)]);
  }
  return pairs;
}

function isMultipart(contentType: string | undefined): boolean {
  return contentType?.toLowerCase().trimStart().startsWith("multipart/form-data") ?? false;
}

/** The string between the two copies of the secret: path, sorted key+value pairs, body. */
export function tiktokSignPayload(input: TikTokSignInput): Buffer {
  const pairs = queryPairs(input.query).filter(([key]) => !UNSIGNED_PARAMS.has(key));
  // Array.prototype.sort is stable, so repeated keys keep their send order.
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const head = input.path + pairs.map(([key, value]) => key + value).join("");
  const parts: Buffer[] = [Buffer.from(head, "utf8")];
  if (input.body !== undefined && !isMultipart(input.contentType)) parts.push(toBytes(input.body));
  return Buffer.concat(parts);
}

export function tiktokBaseBytes(appSecret: string, input: TikTokSignInput): Buffer {
  const secret = Buffer.from(appSecret, "utf8");
  return Buffer.concat([secret, tiktokSignPayload(input), secret]);
}

export function signTikTokRequest(appSecret: string, input: TikTokSignInput): string {
  return hmacSha256Hex(appSecret, tiktokBaseBytes(appSecret, input));
}

export function verifyTikTokRequest(
  appSecret: string,
  input: TikTokSignInput,
  sign: string | null | undefined,
): boolean {
  return signaturesMatch(signTikTokRequest(appSecret, input), sign);
}

export function isTikTokTimestampFresh(timestamp: number, now: number = nowSeconds()): boolean {
  return (
    Number.isInteger(timestamp) &&
    timestamp >= now - TIKTOK_TIMESTAMP_MAX_AGE_SECONDS &&
    timestamp <= now + TIKTOK_TIMESTAMP_MAX_SKEW_AHEAD_SECONDS
  );
}

/** Bytes a webhook's `Authorization` header signs: app key followed by the raw body. */
export function tiktokWebhookBaseBytes(appKey: string, rawBody: RawBody): Buffer {
  return Buffer.concat([Buffer.from(appKey, "utf8"), toBytes(rawBody)]);
}

export function signTikTokWebhook(appSecret: string, appKey: string, rawBody: RawBody): string {
  return hmacSha256Hex(appSecret, tiktokWebhookBaseBytes(appKey, rawBody));
}

export function verifyTikTokWebhook(
  appSecret: string,
  appKey: string,
  rawBody: RawBody,
  authorization: string | null | undefined,
): boolean {
  return hmacSha256Matches(appSecret, [appKey, rawBody], authorization);
}
