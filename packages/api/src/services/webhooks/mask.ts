/**
 * Secrets never reach the browser (invariant 8): webhook headers and bodies are masked before the
 * payload viewer sees them. Keys are matched by name (tokens, signatures, authorization, sign,
 * secrets, passwords, cookies) at any depth, and credentials inside URLs or query strings are
 * masked wherever they appear in a string.
 */

export const MASK = "[masked]";

const exactKeys = new Set([
  "sign",
  "signature",
  "authorization",
  "cookie",
  "set-cookie",
  "api_key",
  "apikey",
  "partner_key",
  "app_secret",
  "shop_cipher",
  "code",
]);
const keyParts = ["token", "secret", "password", "signature", "credential", "private_key"];

/** Whether a header or JSON key names a secret. `code` counts only with a string value (auth codes). */
export function isSecretKey(key: string): boolean {
  const name = key.toLowerCase();
  if (name === "code") return false;
  return exactKeys.has(name) || keyParts.some((part) => name.includes(part));
}

const queryCredential =
  /([?&](?:access_token|refresh_token|token|sign|signature|code|app_secret|auth_code)=)[^&#\s"']*/gi;
const bearer = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;

/** Masks credentials embedded in free text (URLs with tokens, bearer headers). */
export function maskText(text: string): string {
  return text.replace(queryCredential, `$1${MASK}`).replace(bearer, `$1 ${MASK}`);
}

function maskValue(key: string | null, value: unknown): unknown {
  if (key !== null && isSecretKey(key)) return value === null || value === "" ? value : MASK;
  // An OAuth `code` is a secret; Shopee's numeric push `code` is not.
  if (key !== null && key.toLowerCase() === "code" && typeof value === "string" && value.length > 0) return MASK;
  if (typeof value === "string") return maskText(value);
  if (Array.isArray(value)) return value.map((item) => maskValue(null, item));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(k, v)]));
  }
  return value;
}

export function maskHeaders(headers: Record<string, unknown>): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const text = Array.isArray(value) ? value.join(", ") : String(value ?? "");
    masked[name] = isSecretKey(name) ? MASK : maskText(text);
  }
  return masked;
}

type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

/** Integers beyond 2^53 (19-digit marketplace ids) keep their exact digits. */
const keepBigIntegers: Reviver = (_key, value, context) =>
  typeof value === "number" && !Number.isSafeInteger(value) && context?.source && /^-?\d+$/.test(context.source)
    ? context.source
    : value;

export interface MaskedBody {
  /** Pretty-printed, masked JSON, or the masked raw text when it is not JSON. */
  text: string;
  json: boolean;
}

export function maskBody(body: string): MaskedBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body, keepBigIntegers as Parameters<typeof JSON.parse>[1]);
  } catch {
    // Not JSON: mask `"key": "value"` and `key=value` pairs by name as well as URL credentials.
    const pairs = body.replace(/("([^"]+)"\s*:\s*)"[^"]*"/g, (whole, prefix: string, key: string) =>
      isSecretKey(key) ? `${prefix}"${MASK}"` : whole,
    );
    return { text: maskText(pairs), json: false };
  }
  return { text: JSON.stringify(maskValue(null, parsed), null, 2), json: true };
}
