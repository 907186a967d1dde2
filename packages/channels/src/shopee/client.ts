import { type z } from "zod";
import { ChannelError } from "../errors";
import { fetchTransport, type HttpRequest, type HttpResponse, type HttpTransport } from "../http";
import { signShopeeRequest, type ShopeeSignTarget } from "../signing/shopee";
import { parseJsonBody } from "../webhooks/json";
import { mapShopeeError } from "./errors";
import { envelopeSchema } from "./schemas";

export interface ShopeeClientOptions {
  /**
   * Shopee's host (`https://partner.shopeemobile.com`; the simulator's Shopee port in development).
   * A path prefix, if any (a proxy), is part of the path requested and therefore of the path signed.
   */
  baseUrl: string;
  partnerId: number;
  partnerKey: string;
  timeoutMs?: number;
  transport?: HttpTransport;
  /** Clock in milliseconds; tests pin it. */
  now?: () => number;
}

export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;

export interface ShopeeCall {
  method: "GET" | "POST";
  /** API path, e.g. `/api/v2/product/update_price`; the signature covers the path as requested. */
  path: string;
  target: ShopeeSignTarget;
  query?: Record<string, QueryValue>;
  body?: Record<string, unknown>;
  /** Token endpoints answer flat, without the `response` wrapper. */
  flat?: boolean;
  during?: "api" | "token";
}

export interface ShopeeResult<T> {
  data: T;
  requestId: string | undefined;
  headers: Headers;
}

/**
 * Signs, sends and unwraps one Shopee call. The signature covers partner id, path, timestamp and
 * (for shop calls) token and shop id; the JSON body is not signed, so it is serialised once here.
 */
export class ShopeeClient {
  private readonly transport: HttpTransport;
  private readonly now: () => number;

  constructor(private readonly options: ShopeeClientOptions) {
    this.transport = options.transport ?? fetchTransport({ timeoutMs: options.timeoutMs ?? 15_000, label: "Shopee" });
    this.now = options.now ?? Date.now;
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** The full URL of `path`, query included, with the signing parameters set. */
  signedUrl(path: string, target: ShopeeSignTarget, query: Record<string, QueryValue> = {}): URL {
    const timestamp = this.nowSeconds();
    const url = new URL(this.options.baseUrl.replace(/\/+$/, "") + path);
    // Shopee signs "the URL path without host": exactly what is requested, prefix included.
    const sign = signShopeeRequest(this.options.partnerKey, {
      partnerId: this.options.partnerId,
      path: url.pathname,
      timestamp,
      target,
    });
    url.searchParams.set("partner_id", String(this.options.partnerId));
    url.searchParams.set("timestamp", String(timestamp));
    if (target.type === "shop") {
      url.searchParams.set("access_token", target.accessToken);
      url.searchParams.set("shop_id", String(target.shopId));
    } else if (target.type === "merchant") {
      url.searchParams.set("access_token", target.accessToken);
      url.searchParams.set("merchant_id", String(target.merchantId));
    }
    url.searchParams.set("sign", sign);
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
      else url.searchParams.set(key, String(value));
    }
    return url;
  }

  async call<S extends z.ZodType>(call: ShopeeCall, schema: S): Promise<ShopeeResult<z.infer<S>>> {
    const request: HttpRequest = {
      method: call.method,
      url: this.signedUrl(call.path, call.target, call.query),
      headers: { accept: "application/json" },
    };
    if (call.body !== undefined) {
      if (call.method === "GET") throw new ChannelError("VALIDATION", `Shopee GET ${call.path}: a GET carries no body`);
      request.body = JSON.stringify(call.body);
      request.headers = { ...request.headers, "content-type": "application/json" };
    }
    const response = await this.transport(request);
    return this.unwrap(call, response, schema);
  }

  private unwrap<S extends z.ZodType>(call: ShopeeCall, response: HttpResponse, schema: S): ShopeeResult<z.infer<S>> {
    const retryAfter = response.headers.get("retry-after");
    const json = parseJsonBody(response.text);
    const body = json.ok ? json.value : undefined;
    const envelope = envelopeSchema.safeParse(body);
    if (!envelope.success) {
      // Not an envelope (a proxy's HTML page, an empty 502): decide by HTTP status alone.
      throw mapShopeeError({
        httpStatus: response.status >= 400 ? response.status : 502,
        retryAfter,
        during: call.during,
      });
    }
    const { error, message, request_id: requestId } = envelope.data;
    if ((error !== undefined && error !== "") || response.status >= 400) {
      throw mapShopeeError({ httpStatus: response.status, error, message, requestId, retryAfter, during: call.during });
    }
    // get_shop_info and the token calls answer flat; others wrap their payload in `response`.
    const payload = call.flat || envelope.data.response === undefined ? body : envelope.data.response;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      throw new ChannelError(
        "VALIDATION",
        `Shopee ${call.path} returned an unexpected response: ${parsed.error.message}`,
        {
          requestId,
          httpStatus: response.status,
        },
      );
    }
    return { data: parsed.data, requestId, headers: response.headers };
  }
}
