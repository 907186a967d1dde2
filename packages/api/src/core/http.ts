import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "../routers";
import { createContext, type ApiDeps } from "./context";
import { RateLimitedError } from "./rate-limit";
import { spliceSharedAnswers } from "./transformer";

/** Largest tRPC request body by default (JSON, superjson-encoded). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * Procedures whose input is legitimately bigger than the default: a grid save of many edited
 * cells, a product with its variants and a bulk edit's explicit selection. Everything else gets
 * `DEFAULT_BODY_LIMIT`. A batch gets the largest limit among its procedures.
 */
export const BODY_LIMITS: Readonly<Record<string, number>> = {
  "catalog.saveChanges": 8 * 1024 * 1024,
  "catalog.product.create": 4 * 1024 * 1024,
  "catalog.product.update": 4 * 1024 * 1024,
  "catalog.bulk.preview": 4 * 1024 * 1024,
  "catalog.bulk.start": 4 * 1024 * 1024,
};

export interface TrpcHandlerOptions {
  deps: ApiDeps;
  /** Origins allowed to send state-changing requests (the web app's own, from WEB_URL). */
  allowedOrigins: readonly string[];
  /** The client's address, as established by the server (never a header the client chose). */
  clientIp: (request: Request) => string | null;
  endpoint?: string;
}

const json = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ error: { message, code: status, data: { httpStatus: status } } }), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });

/**
 * Why a state-changing request must be refused, or null. A browser sends `Origin` with every
 * cross-origin request and every POST; `Sec-Fetch-Site` says whether the page that made it is ours.
 * A request without Origin is refused too: browsers always send it on POST, so only a non-browser
 * client (which can send the right one) or an old browser (which we do not support) lacks it.
 */
export function originRefusal(headers: Headers, allowedOrigins: readonly string[]): string | null {
  if (headers.get("sec-fetch-site") === "cross-site")
    return "Cross-site requests (Sec-Fetch-Site: cross-site) may not change anything; changes are accepted only from the web app's origin";
  const origin = headers.get("origin");
  if (!origin) return "The request names no Origin; changes are accepted only from the SyncStore web app";
  const allowed = allowedOrigins.map((url) => new URL(url).origin);
  if (origin === "null" || !allowed.includes(origin)) {
    return `Origin ${origin} may not change anything here; changes are accepted only from ${allowed.join(", ")}`;
  }
  return null;
}

function procedurePaths(request: Request, endpoint: string): string[] {
  const pathname = new URL(request.url).pathname;
  const rest = pathname.startsWith(endpoint) ? pathname.slice(endpoint.length).replace(/^\/+/, "") : "";
  return decodeURIComponent(rest).split(",").filter(Boolean);
}

/** Reads at most `limit` bytes of the body; null when it is longer (whatever Content-Length said). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * The tRPC endpoint over fetch `Request`/`Response` (the web app's route handler): refuses
 * state-changing requests from other origins (403), bodies over their limit (413), and callers
 * over their rate limit (429 with Retry-After, counted in PostgreSQL so every replica agrees).
 */
export function createTrpcHandler(options: TrpcHandlerOptions): (request: Request) => Promise<Response> {
  const endpoint = options.endpoint ?? "/api/trpc";
  return async (incoming) => {
    let request = incoming;
    if (request.method !== "GET" && request.method !== "HEAD") {
      const refusal = originRefusal(request.headers, options.allowedOrigins);
      if (refusal) return json(403, refusal);
      const paths = procedurePaths(request, endpoint);
      const limit = Math.max(DEFAULT_BODY_LIMIT, ...paths.map((path) => BODY_LIMITS[path] ?? DEFAULT_BODY_LIMIT));
      const body = await readLimited(request, limit);
      if (body === null) return json(413, `The request body is larger than ${limit} bytes`);
      request = new Request(request.url, { method: request.method, headers: request.headers, body });
    }
    const ip = options.clientIp(incoming);
    // Cached answers are written from their kept JSON text (see spliceSharedAnswers).
    return spliceSharedAnswers(() =>
      fetchRequestHandler({
        endpoint,
        req: request,
        router: appRouter,
        maxBatchSize: 50,
        createContext: () => createContext({ headers: request.headers, deps: options.deps, ip }),
        responseMeta: ({ errors }) => {
          const limited = errors.map((error) => error.cause).find((cause) => cause instanceof RateLimitedError);
          return limited
            ? { status: 429, headers: new Headers({ "retry-after": String(limited.retryAfterSeconds) }) }
            : {};
        },
      }),
    );
  };
}
