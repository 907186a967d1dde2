import { isShopeeTimestampFresh, verifyShopeeRequest } from "@syncstore/channels/signing";
import { type Request, type RequestHandler, type Response } from "express";
import { type SimContext } from "../context";
import { parseJsonObject, rawBodyOf, searchParamsOf, type JsonObject } from "../http/raw-body";
import { type Shop } from "../store/types";
import { ShopeeError, shopeeMessages } from "./errors";

export interface ShopeeCall {
  req: Request;
  params: URLSearchParams;
  body: JsonObject;
  partnerId: number;
  /** Set on shop APIs. */
  shop: Shop;
  now: number;
}

export type ShopeePublicCall = Omit<ShopeeCall, "shop">;

/** `response` goes under `response`; `flat` fields sit beside `error` (token and shop-info APIs). */
export type ShopeeResult = { response: unknown; warning?: string } | { flat: Record<string, unknown> };

export function shopeeRequestId(ctx: SimContext): string {
  return ctx.random.hex(32);
}

function sendShopeeError(res: Response, requestId: string, error: ShopeeError): void {
  res.status(error.httpStatus).json({ request_id: requestId, error: error.code, message: error.message });
}

function sendResult(res: Response, requestId: string, result: ShopeeResult): void {
  if ("flat" in result) {
    res.json({ ...result.flat, request_id: requestId, error: "", message: "" });
    return;
  }
  res.json({
    request_id: requestId,
    error: "",
    message: "",
    ...(result.warning ? { warning: result.warning } : {}),
    response: result.response,
  });
}

/** Checks partner_id, timestamp and (public) sign; returns the partner id. */
export function verifyShopeePublic(ctx: SimContext, params: URLSearchParams): number {
  const partnerRaw = params.get("partner_id");
  if (!partnerRaw) throw new ShopeeError("error_param", "partner_id is required.");
  const partnerId = Number(partnerRaw);
  if (!/^\d+$/.test(partnerRaw) || partnerId !== ctx.apps.shopee.partnerId)
    throw new ShopeeError("error_auth", "Invalid partner_id.");
  const timestamp = Number(params.get("timestamp") ?? Number.NaN);
  if (!/^\d+$/.test(params.get("timestamp") ?? "") || !isShopeeTimestampFresh(timestamp, ctx.store.now())) {
    throw new ShopeeError("error_param", shopeeMessages.invalidTimestamp);
  }
  return partnerId;
}

function verifyShopeeSign(
  ctx: SimContext,
  params: URLSearchParams,
  path: string,
  target: Parameters<typeof verifyShopeeRequest>[1]["target"],
): void {
  const timestamp = Number(params.get("timestamp"));
  const ok = verifyShopeeRequest(
    ctx.apps.shopee.partnerKey,
    { partnerId: ctx.apps.shopee.partnerId, path, timestamp, target },
    params.get("sign"),
  );
  if (!ok) throw new ShopeeError("error_sign", shopeeMessages.wrongSign);
}

async function runGuarded(
  ctx: SimContext,
  res: Response,
  requestId: string,
  shop: Shop | undefined,
  api: string,
): Promise<boolean> {
  if (!shop) return true;
  const outcome = await ctx.guard.check("shopee", `shopee:${shop.shopId}`, api, res);
  if (outcome === "ok") return true;
  if (outcome === "hang") return false;
  if (outcome === "rate_limited") res.setHeader("Retry-After", "1");
  sendShopeeError(
    res,
    requestId,
    outcome === "rate_limited"
      ? new ShopeeError("error_system_busy", shopeeMessages.busy)
      : new ShopeeError("error_server", shopeeMessages.server),
  );
  return false;
}

function parseBody(req: Request): JsonObject {
  const body = parseJsonObject(rawBodyOf(req));
  if (!body) throw new ShopeeError("error_param", "Request body must be a JSON object.");
  return body;
}

function handle(res: Response, requestId: string, err: unknown): void {
  if (err instanceof ShopeeError) {
    sendShopeeError(res, requestId, err);
    return;
  }
  throw err;
}

/** A public API (signed over partner_id + path + timestamp). */
export function shopeePublicApi(ctx: SimContext, handler: (call: ShopeePublicCall) => ShopeeResult): RequestHandler {
  return (req, res) => {
    const requestId = shopeeRequestId(ctx);
    try {
      const params = searchParamsOf(req);
      const partnerId = verifyShopeePublic(ctx, params);
      verifyShopeeSign(ctx, params, req.path, { type: "public" });
      sendResult(res, requestId, handler({ req, params, body: parseBody(req), partnerId, now: ctx.store.now() }));
    } catch (err) {
      handle(res, requestId, err);
    }
  };
}

/** A shop API (signed over partner_id + path + timestamp + access_token + shop_id). */
export function shopeeShopApi(
  ctx: SimContext,
  api: string,
  handler: (call: ShopeeCall) => ShopeeResult,
): RequestHandler {
  return async (req, res) => {
    const requestId = shopeeRequestId(ctx);
    try {
      const params = searchParamsOf(req);
      const partnerId = verifyShopeePublic(ctx, params);
      const accessToken = params.get("access_token");
      const shopIdRaw = params.get("shop_id");
      if (!accessToken) throw new ShopeeError("error_param", "access_token is required.");
      if (!shopIdRaw || !/^\d+$/.test(shopIdRaw)) throw new ShopeeError("error_param", "shop_id is required.");
      verifyShopeeSign(ctx, params, req.path, { type: "shop", accessToken, shopId: shopIdRaw });
      const token = ctx.store.validAccessToken(accessToken);
      if (!token || token.shopKey !== `shopee:${shopIdRaw}` || token.clientId !== String(partnerId)) {
        throw new ShopeeError("error_auth", shopeeMessages.invalidAccessToken);
      }
      const shop = ctx.store.findShop("shopee", shopIdRaw);
      if (!shop) throw new ShopeeError("error_shop", `Shop ${shopIdRaw} does not exist.`);
      if (!(await runGuarded(ctx, res, requestId, shop, api))) return;
      sendResult(res, requestId, handler({ req, params, body: parseBody(req), partnerId, shop, now: ctx.store.now() }));
    } catch (err) {
      handle(res, requestId, err);
    }
  };
}
