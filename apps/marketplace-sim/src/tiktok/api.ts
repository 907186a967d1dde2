import { isTikTokTimestampFresh, verifyTikTokRequest } from "@syncstore/channels/signing";
import { type Request, type RequestHandler, type Response } from "express";
import { type SimContext } from "../context";
import { parseJsonObject, rawBodyOf, searchParamsOf, type JsonObject } from "../http/raw-body";
import { type Shop } from "../store/types";
import { TikTokError, tiktokCodes } from "./errors";

export interface TikTokCall {
  req: Request;
  params: URLSearchParams;
  body: JsonObject;
  /** The seller's shop the access token belongs to. */
  shop: Shop;
  now: number;
}

export function tiktokRequestId(ctx: SimContext): string {
  const stamp = new Date(ctx.clock.now()).toISOString().replace(/\D/g, "").slice(0, 14);
  return `${stamp}${ctx.random.hex(18).toUpperCase()}`;
}

export function sendTikTok(res: Response, requestId: string, result: { data: unknown } | TikTokError): void {
  if (result instanceof TikTokError) {
    res
      .status(result.httpStatus)
      .json({ code: result.code, message: result.message, request_id: requestId, data: null });
    return;
  }
  res.json({ code: 0, message: "Success", request_id: requestId, data: result.data });
}

/** True when the body is exactly an empty JSON object (whitespace aside). */
function isEmptyObject(raw: Buffer): boolean {
  return /^\s*\{\s*\}\s*$/.test(raw.toString("utf8"));
}

/**
 * The signature over path, sorted query and the body bytes as sent. An empty-object body is the
 * one case the documentation leaves open; ctx.protocol.tiktokEmptyBodySigning decides it.
 */
function verifyTikTokSignature(
  ctx: SimContext,
  path: string,
  query: URLSearchParams,
  raw: Buffer,
  contentType: string | undefined,
): boolean {
  const sign = query.get("sign");
  const check = (body: Buffer | undefined) =>
    verifyTikTokRequest(ctx.apps.tiktok.appSecret, { path, query, body, contentType }, sign);
  const asSent = raw.length > 0 ? raw : undefined;
  if (!isEmptyObject(raw)) return check(asSent);
  switch (ctx.protocol.tiktokEmptyBodySigning) {
    case "as-sent":
      return check(asSent);
    case "omitted":
      return check(undefined);
    case "either":
      return check(asSent) || check(undefined);
  }
}

export interface TikTokApiOptions {
  /** Rate-limit bucket name, e.g. `product.inventory_update`. */
  api: string;
  /** Shop-scoped APIs need `shop_cipher` (a signed query parameter). */
  shopScoped: boolean;
}

/**
 * One TikTok Shop API endpoint: app_key, timestamp window, sign over path + sorted params + raw
 * body, `x-tts-access-token`, shop_cipher, then the shop's traffic rules, then the handler.
 */
export function tiktokApi(
  ctx: SimContext,
  options: TikTokApiOptions,
  handler: (call: TikTokCall) => unknown,
): RequestHandler {
  return async (req, res) => {
    const requestId = tiktokRequestId(ctx);
    try {
      const params = searchParamsOf(req);
      const raw = rawBodyOf(req);
      if (params.get("app_key") !== ctx.apps.tiktok.appKey)
        throw new TikTokError(tiktokCodes.badCredentials, "Invalid credentials: unknown app_key.");
      const timestampRaw = params.get("timestamp") ?? "";
      if (!/^\d+$/.test(timestampRaw) || !isTikTokTimestampFresh(Number(timestampRaw), ctx.store.now())) {
        throw new TikTokError(
          tiktokCodes.badCredentials,
          "Invalid timestamp: it must lie within the last 5 minutes (30 seconds of clock skew ahead allowed).",
        );
      }
      const signed = verifyTikTokSignature(ctx, req.path, params, raw, req.get("content-type"));
      if (!signed) throw new TikTokError(tiktokCodes.invalidSign, "Invalid signature.");
      const tokenValue = req.get("x-tts-access-token");
      if (!tokenValue)
        throw new TikTokError(
          tiktokCodes.invalidToken,
          "Invalid credentials: the x-tts-access-token header is missing.",
        );
      const known = ctx.store.state.accessTokens[tokenValue];
      if (!known || known.revoked || known.clientId !== ctx.apps.tiktok.appKey) {
        throw new TikTokError(tiktokCodes.invalidToken, "Invalid credentials: the access token is invalid.");
      }
      if (known.expiresAt < ctx.store.now())
        throw new TikTokError(tiktokCodes.expiredToken, "Expired credentials: the access token has expired.");
      const shop = ctx.store.state.shops[known.shopKey];
      if (!shop) throw new TikTokError(tiktokCodes.invalidToken, "Invalid credentials: the shop no longer exists.");
      if (options.shopScoped) {
        const cipher = params.get("shop_cipher");
        if (!cipher) throw new TikTokError(tiktokCodes.missingShopCipher, "shop_cipher is required for this API.");
        if (cipher !== shop.cipher)
          throw new TikTokError(
            tiktokCodes.missingShopCipher,
            "shop_cipher does not belong to a shop this access token may use.",
          );
      }
      const outcome = await ctx.guard.check("tiktok", known.shopKey, options.api, res);
      if (outcome === "hang") return;
      if (outcome === "rate_limited") {
        res.setHeader("Retry-After", "1");
        throw new TikTokError(tiktokCodes.rateLimited, "Too many requests: the API rate limit was exceeded.");
      }
      if (outcome === "server_error")
        throw new TikTokError(tiktokCodes.internal, "Internal error; please retry later.");
      const body = parseJsonObject(raw);
      if (!body) throw new TikTokError(tiktokCodes.invalidParams, "The request body must be a JSON object.");
      sendTikTok(res, requestId, { data: handler({ req, params, body, shop, now: ctx.store.now() }) });
    } catch (err) {
      if (!(err instanceof TikTokError)) throw err;
      sendTikTok(res, requestId, err);
    }
  };
}
