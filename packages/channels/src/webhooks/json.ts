import { createHash } from "node:crypto";
import { toBytes } from "../signing/hmac";

/**
 * Webhook bodies carry 19-digit ids that JSON numbers cannot hold (TikTok sends some ids as
 * numbers). Parsing keeps any integer beyond 2^53 as its source text, so ids survive exactly.
 */
type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

function keepBigIntegers(_key: string, value: unknown, context?: { source?: string }): unknown {
  if (typeof value === "number" && !Number.isSafeInteger(value) && context?.source && /^-?\d+$/.test(context.source)) {
    return context.source;
  }
  return value;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Where a JSON value can start (the text's start, after `:`, `,` or `[`), an integer literal of 16
 * digits or more: the only kind that may not fit a number exactly. Text without one is parsed
 * without the reviver, which costs several times the parse itself (a webhook gateway parses
 * thousands of bodies a second). A match inside a string only costs the slower parse.
 */
const LONG_INTEGER = /(?:^|[:,[])\s*-?\d{16}/;

/** UTF-8 text of the bytes, without copying a Buffer first. */
export function utf8Text(rawBody: string | Uint8Array): string {
  if (typeof rawBody === "string") return rawBody;
  return Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength).toString("utf8");
}

export function parseJsonBody(rawBody: string | Uint8Array): JsonParse {
  const text = utf8Text(rawBody);
  try {
    const value: unknown = LONG_INTEGER.test(text)
      ? JSON.parse(text, keepBigIntegers as Reviver as Parameters<typeof JSON.parse>[1])
      : JSON.parse(text);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : "invalid JSON" };
  }
}

/** Key order does not matter to the platform, so it must not matter to the identity either. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function sha256Hex(value: string | Uint8Array): string {
  return createHash("sha256").update(toBytes(value)).digest("hex");
}

/** Ids arrive as numbers or strings depending on platform and field; we keep strings. */
export function idString(value: unknown): string | null {
  if (typeof value === "string" && value.length > 0) return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

/** Unix seconds (number or numeric string) to a Date. */
export function dateFromSeconds(value: unknown): Date | null {
  const seconds = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : null;
}
