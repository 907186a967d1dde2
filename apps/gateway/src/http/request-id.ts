import { randomUUID } from "node:crypto";
import { type IncomingMessage, type ServerResponse } from "node:http";

export const REQUEST_ID_HEADER = "x-request-id";

/** Ids we accept from a caller or proxy: short, no spaces or control characters. */
const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Reuses a well-formed incoming `X-Request-Id` (so a proxy's id follows the request) or makes a
 * new one, and echoes it on the response. Used as pino-http's `genReqId`, so `req.id` holds it.
 */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const id = typeof incoming === "string" && acceptable.test(incoming) ? incoming : randomUUID();
  res.setHeader("X-Request-Id", id);
  return id;
}
