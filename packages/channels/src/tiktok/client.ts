import { type z } from "zod";
import { ChannelError } from "../errors";
import { fetchTransport, type HttpRequest, type HttpResponse, type HttpTransport } from "../http";
import { signTikTokRequest } from "../signing/tiktok";
import { parseJsonBody } from "../webhooks/json";
import { mapTikTokError } from "./errors";
import { envelopeSchema } from "./schemas";

export interface TikTokClientOptions {
  /**
   * API host (`https://open-api.tiktokglobalshop.com`; the simulator's TikTok port in development).
   * A path prefix, if any (a proxy), is part of the path requested and therefore of the path signed.
   */
  apiBaseUrl: string;
  /** Token host (`https://auth.tiktok-shops.com`; the simulator's TikTok auth port). */
  authBaseUrl: string;
  appKey: string;
  appSecret: string;
  timeoutMs?: number;
  transport?: HttpTransport;
  now?: () => number;
}

export interface TikTokCall {
  method: "GET" | "POST" | "PUT";
  /** API path, e.g. `/product/202309/products/search`; the signature covers the path as requested. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  accessToken?: string;
  shopCipher?: string;
}

export interface TikTokResult<T> {
  data: T;
  requestId: string | undefined;
  headers: Headers;
}

function joinUrl(base: string, path: string): URL {
  return new URL(base.replace(/\/+$/, "") + path);
}

/**
 * Signs, sends and unwraps TikTok Shop calls. The body is serialised once and the same string is
 * both signed and sent: TikTok signs bytes, not JSON values.
 */
export class TikTokClient {
  private readonly transport: HttpTransport;
  private readonly now: () => number;

  constructor(private readonly options: TikTokClientOptions) {
    this.transport =
      options.transport ?? fetchTransport({ timeoutMs: options.timeoutMs ?? 15_000, label: "TikTok Shop" });
    this.now = options.now ?? Date.now;
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  async call<S extends z.ZodType>(call: TikTokCall, schema: S): Promise<TikTokResult<z.infer<S>>> {
    const url = joinUrl(this.options.apiBaseUrl, call.path);
    url.searchParams.set("app_key", this.options.appKey);
    url.searchParams.set("timestamp", String(this.nowSeconds()));
    if (call.shopCipher) url.searchParams.set("shop_cipher", call.shopCipher);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    // A call that takes no body sends none, and no call sends an empty object: TikTok's own signing
    // samples disagree on whether `{}` is signed (see signing/tiktok.ts), so we never depend on it.
    if (body !== undefined && (call.method === "GET" || body === "{}")) {
      throw new ChannelError(
        "VALIDATION",
        `TikTok Shop ${call.method} ${call.path}: ${call.method === "GET" ? "a GET carries no body" : "an empty-object body is never sent"}`,
      );
    }
    const contentType = "application/json";
    url.searchParams.set(
      "sign",
      signTikTokRequest(this.options.appSecret, { path: url.pathname, query: url.searchParams, body, contentType }),
    );
    const headers: Record<string, string> = { accept: "application/json", "content-type": contentType };
    if (call.accessToken) headers["x-tts-access-token"] = call.accessToken;
    const request: HttpRequest = { method: call.method, url, headers };
    if (body !== undefined) request.body = body;
    return this.unwrap(call.path, await this.transport(request), schema, "api");
  }

  /** Token host calls: unsigned GETs carrying the app secret (as the platform specifies). */
  async token<S extends z.ZodType>(path: string, query: Record<string, string>, schema: S): Promise<z.infer<S>> {
    const url = joinUrl(this.options.authBaseUrl, path);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const response = await this.transport({ method: "GET", url, headers: { accept: "application/json" } });
    return (await this.unwrap(path, response, schema, "token")).data;
  }

  private unwrap<S extends z.ZodType>(
    path: string,
    response: HttpResponse,
    schema: S,
    during: "api" | "token",
  ): TikTokResult<z.infer<S>> {
    const retryAfter = response.headers.get("retry-after");
    const json = parseJsonBody(response.text);
    const envelope = envelopeSchema.safeParse(json.ok ? json.value : undefined);
    if (!envelope.success) {
      // Not an envelope (a proxy's HTML page, an empty 502): decide by HTTP status alone.
      throw mapTikTokError({ httpStatus: response.status >= 400 ? response.status : 502, retryAfter, during });
    }
    const { code, message, request_id: requestId } = envelope.data;
    if (code !== 0 || response.status >= 400) {
      throw mapTikTokError({ httpStatus: response.status, code, message, requestId, retryAfter, during });
    }
    const parsed = schema.safeParse(envelope.data.data ?? {});
    if (!parsed.success) {
      throw new ChannelError(
        "VALIDATION",
        `TikTok Shop ${path} returned an unexpected response: ${parsed.error.message}`,
        {
          requestId,
          httpStatus: response.status,
        },
      );
    }
    return { data: parsed.data, requestId, headers: response.headers };
  }
}
