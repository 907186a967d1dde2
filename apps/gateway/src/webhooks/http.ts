import { type IncomingMessage, type ServerResponse } from "node:http";
import { type Readable } from "node:stream";
import { errorBody } from "../http/errors";
import { type WebhookPlatform } from "./metrics";

/*
 * The webhook endpoints speak plain node:http rather than Express: at thousands of events a second
 * the router, the body parser and Express's request and response decorations cost more than the
 * signature check and the parse together (docs/webhooks.md, "Throughput"). What they did for
 * these routes is done here: route matching, reading the exact bytes with a limit, the client
 * address behind trusted proxies, and JSON error answers in the gateway's error shape.
 */

/** What these helpers read of a request (an `IncomingMessage` is one). */
type RequestLine = Pick<IncomingMessage, "method" | "url">;
type RequestBody = Readable & Pick<IncomingMessage, "headers">;
type RequestPeer = Pick<IncomingMessage, "headers"> & { socket: { remoteAddress?: string } };

const ROUTES: Record<string, WebhookPlatform> = { "/webhooks/shopee": "shopee", "/webhooks/tiktok": "tiktok" };

/**
 * The platform of a `POST /webhooks/<platform>` request, else undefined. Matches as Express did:
 * case-insensitively, with or without a trailing slash, whatever the query string.
 */
export function webhookPlatformOf(req: RequestLine): WebhookPlatform | undefined {
  if (req.method !== "POST") return undefined;
  const url = req.url ?? "";
  const query = url.indexOf("?");
  let path = query === -1 ? url : url.slice(0, query);
  if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
  return ROUTES[path] ?? ROUTES[path.toLowerCase()];
}

export type BodyRead =
  { ok: true; body: Buffer } | { ok: false; reason: "too_large" | "unsupported_encoding" | "aborted" };

/**
 * Reads the exact bytes of a request body, at most `limit` of them. A compressed body is refused
 * unread (signatures cover the bytes as sent). An oversized body is read off to its end and
 * discarded before the refusal (the sender then reads the answer instead of a reset connection). A
 * body that never completes (the client went away) is `aborted`.
 */
export function readBody(req: RequestBody, limit: number): Promise<BodyRead> {
  const encoding = req.headers["content-encoding"];
  if (encoding !== undefined && encoding.toLowerCase() !== "identity") {
    return Promise.resolve({ ok: false, reason: "unsupported_encoding" });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let tooLarge = Number(req.headers["content-length"]) > limit;
    let settled = false;
    const settle = (read: BodyRead) => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("close", onClose);
      req.off("error", onClose);
      resolve(read);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    };
    const onEnd = () => {
      if (tooLarge) settle({ ok: false, reason: "too_large" });
      else settle({ ok: true, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received) });
    };
    const onClose = () => settle({ ok: false, reason: "aborted" });
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("close", onClose);
    req.on("error", onClose);
  });
}

/**
 * The client's address: the socket's peer, or with `trustedHops` proxies in front (TRUST_PROXY)
 * the X-Forwarded-For entry that many hops from the right, as Express's `req.ip` computes it.
 */
export function clientAddress(req: RequestPeer, trustedHops: number): string {
  const peer = req.socket.remoteAddress ?? "unknown";
  const header = req.headers["x-forwarded-for"];
  if (trustedHops <= 0 || typeof header !== "string") return peer;
  const forwarded = header
    .split(",")
    .map((entry) => entry.replace(/^ +| +$/g, ""))
    .filter((entry) => entry.length > 0)
    .reverse();
  const addresses = [peer, ...forwarded];
  return addresses[Math.min(trustedHops, addresses.length - 1)] ?? peer;
}

/** Answers 200 with no body: Shopee counts any response body as a failed delivery. */
export function sendEmpty(res: ServerResponse): void {
  res.writeHead(200, { "Content-Length": "0" });
  res.end();
}

/** Answers the gateway's JSON error shape (`sendError` for the Express routes). */
export function sendJsonError(
  res: ServerResponse,
  status: number,
  requestId: string,
  message: string,
  reason?: string,
): void {
  const body = JSON.stringify(errorBody(status, message, requestId, reason));
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(body)),
  });
  res.end(body);
}
