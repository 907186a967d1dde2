import { type Request } from "express";

/** The exact request body bytes (platform routers parse bodies with express.raw). */
export function rawBodyOf(req: Request): Buffer {
  const body: unknown = req.body;
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}

/** The query string as sent, with repeated keys and order preserved. */
export function searchParamsOf(req: Request): URLSearchParams {
  const index = req.originalUrl.indexOf("?");
  return new URLSearchParams(index === -1 ? "" : req.originalUrl.slice(index + 1));
}

export type JsonObject = Record<string, unknown>;

/** Parses a JSON object body; an empty body is `{}`; anything else returns undefined. */
export function parseJsonObject(raw: Buffer): JsonObject | undefined {
  if (raw.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(raw.toString("utf8"));
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

export function escapeHtml(value: string | number): string {
  return String(value).replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );
}
