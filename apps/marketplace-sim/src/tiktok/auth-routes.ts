import express, { type Router } from "express";
import { type SimContext } from "../context";
import { type ShopEvents } from "../events";
import { hiddenInputs, htmlPage } from "../http/html";
import { escapeHtml, rawBodyOf, searchParamsOf } from "../http/raw-body";
import { type Shop } from "../store/types";
import { sendTikTok, tiktokRequestId } from "./api";
import { TikTokError, tiktokCodes } from "./errors";

/** Codes live 30 minutes; access tokens about 7 days; refresh tokens (unconfirmed) 30 days. */
export const TIKTOK_CODE_TTL = 30 * 60;
export const TIKTOK_ACCESS_TTL = 7 * 86_400;
export const TIKTOK_REFRESH_TTL = 30 * 86_400;
export const TIKTOK_SCOPES = [
  "seller.authorization.info",
  "seller.product.basic",
  "seller.product.write",
  "seller.order.info",
  "seller.logistics",
];

function tokenData(
  shop: Shop,
  access: { token: string; expiresAt: number },
  refresh: { token: string; expiresAt: number },
) {
  return {
    access_token: access.token,
    access_token_expire_in: access.expiresAt,
    refresh_token: refresh.token,
    refresh_token_expire_in: refresh.expiresAt,
    open_id: shop.openId ?? "",
    seller_name: shop.name,
    seller_base_region: shop.region,
    user_type: 0,
    granted_scopes: TIKTOK_SCOPES,
  };
}

/** The seller-facing authorize page and the unsigned token endpoints of TikTok's auth host. */
export function tiktokAuthRoutes(ctx: SimContext, events: ShopEvents): Router {
  const router = express.Router();

  router.get("/open/authorize", (req, res) => {
    const params = searchParamsOf(req);
    const requestId = tiktokRequestId(ctx);
    if (params.get("service_id") !== ctx.apps.tiktok.serviceId) {
      sendTikTok(res, requestId, new TikTokError(tiktokCodes.badCredentials, "Unknown service_id."));
      return;
    }
    const redirect = params.get("redirect_uri") ?? ctx.apps.tiktok.redirectUrl;
    const shops = ctx.store.listShops("tiktok");
    const choices = shops
      .map(
        (shop, index) =>
          `<label class="choice"><input type="radio" name="shop_id" value="${escapeHtml(shop.shopId)}"${index === 0 ? " checked" : ""}>
<span><strong>${escapeHtml(shop.name)}</strong><br><span class="muted">${escapeHtml(shop.region)} · shop ${escapeHtml(shop.shopId)}</span></span></label>`,
      )
      .join("");
    const body = `<section><h2>Authorize ${escapeHtml(ctx.apps.tiktok.name)}</h2>
<p class="muted">This app asks for: ${TIKTOK_SCOPES.map((scope) => `<code>${scope}</code>`).join(" ")}</p>
<form method="post" action="${escapeHtml(req.baseUrl)}/open/authorize">
${hiddenInputs({ service_id: ctx.apps.tiktok.serviceId, state: params.get("state") ?? "", redirect_uri: redirect })}
${choices || '<p class="muted">No shops yet: one will be created for you.</p>'}
<label class="choice"><input type="radio" name="shop_id" value="new"${shops.length === 0 ? " checked" : ""}><span>Create a new shop named <input name="new_shop_name" placeholder="My TikTok shop"></span></label>
<button type="submit">Authorize</button></form></section>`;
    res.type("html").send(htmlPage("TikTok Shop Partner Center", body, "Seller authorization (simulator)"));
  });

  router.post("/open/authorize", (req, res) => {
    // The platform routers read bodies raw; the form arrives urlencoded.
    const fields = new URLSearchParams(rawBodyOf(req).toString("utf8"));
    const requestId = tiktokRequestId(ctx);
    if (fields.get("service_id") !== ctx.apps.tiktok.serviceId) {
      sendTikTok(res, requestId, new TikTokError(tiktokCodes.badCredentials, "Unknown service_id."));
      return;
    }
    let target: URL;
    try {
      target = new URL(fields.get("redirect_uri") || ctx.apps.tiktok.redirectUrl);
    } catch {
      sendTikTok(res, requestId, new TikTokError(tiktokCodes.invalidParams, "redirect_uri must be an absolute URL."));
      return;
    }
    const chosen = fields.get("shop_id") ?? "";
    const shop =
      chosen === "new"
        ? ctx.store.createShop("tiktok", { name: fields.get("new_shop_name") ?? undefined })
        : ctx.store.findShop("tiktok", chosen);
    if (!shop) {
      sendTikTok(res, requestId, new TikTokError(tiktokCodes.invalidParams, "Choose a shop to authorize."));
      return;
    }
    const code = ctx.store.issueCode(shop, ctx.apps.tiktok.appKey, TIKTOK_CODE_TTL);
    target.searchParams.set("code", code.code);
    target.searchParams.set("state", fields.get("state") ?? "");
    events.authorized(shop);
    res.redirect(302, target.toString());
  });

  const checkApp = (params: URLSearchParams, grantType: string) => {
    if (params.get("app_key") !== ctx.apps.tiktok.appKey || params.get("app_secret") !== ctx.apps.tiktok.appSecret) {
      throw new TikTokError(tiktokCodes.badCredentials, "Invalid credentials: app_key or app_secret is wrong.");
    }
    if (params.get("grant_type") !== grantType)
      throw new TikTokError(tiktokCodes.invalidParams, `grant_type must be ${grantType}.`);
  };

  router.get("/api/v2/token/get", (req, res) => {
    const requestId = tiktokRequestId(ctx);
    try {
      const params = searchParamsOf(req);
      checkApp(params, "authorized_code");
      const code = ctx.store.consumeCode(params.get("auth_code") ?? "", ctx.apps.tiktok.appKey);
      if (!code)
        throw new TikTokError(tiktokCodes.badCredentials, "Invalid auth_code: it is unknown, expired or already used.");
      const shop = ctx.store.shopByKey(code.shopKey);
      const { access, refresh } = ctx.store.issueTokens(
        code.shopKey,
        ctx.apps.tiktok.appKey,
        TIKTOK_ACCESS_TTL,
        TIKTOK_REFRESH_TTL,
        48,
      );
      sendTikTok(res, requestId, { data: tokenData(shop, access, refresh) });
    } catch (err) {
      if (!(err instanceof TikTokError)) throw err;
      sendTikTok(res, requestId, err);
    }
  });

  // TikTok refresh tokens stay valid until they expire (unlike Shopee's single-use ones); each
  // refresh issues a new access token and returns the same refresh token.
  router.get("/api/v2/token/refresh", (req, res) => {
    const requestId = tiktokRequestId(ctx);
    try {
      const params = searchParamsOf(req);
      checkApp(params, "refresh_token");
      const refresh = ctx.store.state.refreshTokens[params.get("refresh_token") ?? ""];
      if (!refresh || refresh.revoked || refresh.clientId !== ctx.apps.tiktok.appKey) {
        throw new TikTokError(tiktokCodes.invalidToken, "Invalid credentials: the refresh token is invalid.");
      }
      if (refresh.expiresAt < ctx.store.now())
        throw new TikTokError(tiktokCodes.expiredToken, "Expired credentials: the refresh token has expired.");
      const shop = ctx.store.shopByKey(refresh.shopKey);
      const access = ctx.store.issueAccessToken(refresh.shopKey, ctx.apps.tiktok.appKey, TIKTOK_ACCESS_TTL, 48);
      sendTikTok(res, requestId, { data: tokenData(shop, access, refresh) });
    } catch (err) {
      if (!(err instanceof TikTokError)) throw err;
      sendTikTok(res, requestId, err);
    }
  });

  return router;
}
