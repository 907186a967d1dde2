import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from "node:crypto";

/** Raw bytes as they travel on the wire; strings are taken as UTF-8. */
export type RawBody = string | Uint8Array;

export function toBytes(value: RawBody): Buffer {
  return typeof value === "string" ? Buffer.from(value, "utf8") : Buffer.from(value);
}

/**
 * Secret keys prepared once: building the key from raw bytes costs several times the HMAC of a
 * webhook body, and the gateway verifies thousands per second with the same two secrets.
 */
const preparedKeys = new Map<string, KeyObject>();
const MAX_PREPARED_KEYS = 64;

function secretKey(key: string): KeyObject {
  let prepared = preparedKeys.get(key);
  if (!prepared) {
    if (preparedKeys.size >= MAX_PREPARED_KEYS) preparedKeys.clear();
    prepared = createSecretKey(Buffer.from(key, "utf8"));
    preparedKeys.set(key, prepared);
  }
  return prepared;
}

/** Both platforms key HMAC-SHA256 with the secret's UTF-8 bytes (never hex-decoded) and emit lowercase hex. */
export function hmacSha256Hex(key: string, message: RawBody): string {
  return createHmac("sha256", secretKey(key))
    .update(typeof message === "string" ? message : toBytes(message))
    .digest("hex");
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/**
 * Compares a received signature with the expected one in constant time. Anything that is not
 * 64 hex characters is refused before comparing, so `timingSafeEqual` always sees two 32-byte
 * buffers and never throws on a length mismatch. Case is ignored: the platforms send lowercase,
 * and accepting uppercase leaks nothing.
 */
export function signaturesMatch(expectedHex: string, received: string | null | undefined): boolean {
  if (received === undefined || received === null) return false;
  const candidate = received.trim();
  if (!SHA256_HEX.test(candidate) || !SHA256_HEX.test(expectedHex)) return false;
  return timingSafeEqual(Buffer.from(expectedHex, "hex"), Buffer.from(candidate, "hex"));
}

/**
 * Whether a received hex signature is the HMAC-SHA256 of `parts` (taken in order, strings as
 * UTF-8), compared in constant time. Same answer as `signaturesMatch(hmacSha256Hex(key, joined),
 * received)` without joining the parts into a copy or hex-encoding the digest: the gateway checks
 * thousands of webhook signatures a second.
 */
export function hmacSha256Matches(
  key: string,
  parts: readonly RawBody[],
  received: string | null | undefined,
): boolean {
  if (received === undefined || received === null) return false;
  const candidate = received.trim();
  if (!SHA256_HEX.test(candidate)) return false;
  const hmac = createHmac("sha256", secretKey(key));
  for (const part of parts) hmac.update(part);
  return timingSafeEqual(hmac.digest(), Buffer.from(candidate, "hex"));
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
