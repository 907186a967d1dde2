import { verifyShopeeRequest } from "@syncstore/channels/signing";
import express, { type Response, type Router } from "express";
import { type SimContext } from "../context";
import { type ShopEvents } from "../events";
import { hiddenInputs, htmlPage } from "../http/html";
import { escapeHtml, rawBodyOf, searchParamsOf } from "../http/raw-body";
import { shopKeyOf } from "../store/types";
import { ShopeeError } from "./errors";
import { intValue, requiredInt, stringValue } from "./params";
import { shopeePublicApi, shopeeRequestId, verifyShopeePublic } from "./api";

/** Access tokens live 4 hours; refresh tokens 30 days; codes 10 minutes (marketplaces.md). */
export const SHOPEE_ACCESS_TTL = 4 * 3600;
export const SHOPEE_REFRESH_TTL = 30 * 86_400;
export const SHOPEE_CODE_TTL = 10 * 60;
/** After a refresh the previous access token keeps working this long. */
export const SHOPEE_OLD_TOKEN_GRACE = 5 * 60;

const AUTH_PATH = "/api/v2/shop/auth_partner";

export function validRedirect(value: string | null): string {
  if (!value) throw new ShopeeError("error_param", "redirect is required.");
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("scheme");
    return url.toString();
  } catch {
    throw new ShopeeError("error_param", "redirect must be an absolute http(s) URL.");
  }
}

/** The seller's authorization page: the shops to choose from, posting `hidden` back to `action`. */
export function shopeeAuthorizePage(ctx: SimContext, action: string, hidden: Record<string, string>): string {
  const shops = ctx.store.listShops("shopee");
  const choices = shops
    .map(
      (shop, index) =>
        `<label class="choice"><input type="radio" name="shop_id" value="${escapeHtml(shop.shopId)}"${index === 0 ? " checked" : ""}>
<span><strong>${escapeHtml(shop.name)}</strong><br><span class="muted">shop_id ${escapeHtml(shop.shopId)} · ${escapeHtml(shop.region)}</span></span></label>`,
    )
    .join("");
  const body = `<section><h2>Authorize ${escapeHtml(ctx.apps.shopee.name)}</h2>
<p class="muted">Partner ${ctx.apps.shopee.partnerId} asks to manage your shop's products, prices, stock and orders.</p>
<form method="post" action="${escapeHtml(action)}">
${hiddenInputs(hidden)}
${choices || '<p class="muted">No shops yet: one will be created for you.</p>'}
<label class="choice"><input type="radio" name="shop_id" value="new"${shops.length === 0 ? " checked" : ""}><span>Create a new shop named <input name="new_shop_name" placeholder="My Shopee shop"></span></label>
<button type="submit">Authorize</button></form></section>`;
  return htmlPage("Shopee Open Platform", body, "Seller authorization (simulator)");
}

/**
 * The "Authorize" button: issues a single-use code (10 minutes) for the chosen shop and sends the
 * seller back with `code` and `shop_id` (and `state` when the link carried one).
 */
export function grantShopeeAuthorization(
  ctx: SimContext,
  events: ShopEvents,
  res: Response,
  fields: URLSearchParams,
  redirect: string,
): void {
  const chosen = fields.get("shop_id") ?? "";
  const shop =
    chosen === "new"
      ? ctx.store.createShop("shopee", { name: fields.get("new_shop_name") ?? undefined })
      : ctx.store.findShop("shopee", chosen);
  if (!shop) {
    res
      .status(400)
      .json({ request_id: shopeeRequestId(ctx), error: "error_param", message: "Choose a shop to authorize." });
    return;
  }
  const code = ctx.store.issueCode(shop, String(ctx.apps.shopee.partnerId), SHOPEE_CODE_TTL);
  const target = new URL(redirect);
  target.searchParams.set("code", code.code);
  target.searchParams.set("shop_id", shop.shopId);
  const state = fields.get("state");
  if (state) target.searchParams.set("state", state);
  events.authorized(shop);
  res.redirect(302, target.toString());
}

export function shopeeAuthRoutes(ctx: SimContext, events: ShopEvents): Router {
  const router = express.Router();

  // The seller's authorization page: checks the signed link, then offers the shops to authorize.
  router.get(AUTH_PATH, (req, res) => {
    const params = searchParamsOf(req);
    try {
      verifyShopeePublic(ctx, params);
      const ok = verifyShopeeRequest(
        ctx.apps.shopee.partnerKey,
        {
          partnerId: ctx.apps.shopee.partnerId,
          path: AUTH_PATH,
          timestamp: Number(params.get("timestamp")),
          target: { type: "public" },
        },
        params.get("sign"),
      );
      if (!ok) throw new ShopeeError("error_sign", "Wrong sign.");
      const redirect = validRedirect(params.get("redirect"));
      res.type("html").send(
        shopeeAuthorizePage(ctx, `${req.baseUrl}${AUTH_PATH}/authorize`, {
          partner_id: params.get("partner_id") ?? "",
          timestamp: params.get("timestamp") ?? "",
          sign: params.get("sign") ?? "",
          redirect,
        }),
      );
    } catch (err) {
      if (!(err instanceof ShopeeError)) throw err;
      res.status(err.httpStatus).json({ request_id: shopeeRequestId(ctx), error: err.code, message: err.message });
    }
  });

  // The "Authorize" button: issues a single-use code and sends the seller back to the partner.
  router.post(`${AUTH_PATH}/authorize`, (req, res) => {
    // The platform routers read bodies raw; the form arrives urlencoded.
    const fields = new URLSearchParams(rawBodyOf(req).toString("utf8"));
    const ok = verifyShopeeRequest(
      ctx.apps.shopee.partnerKey,
      {
        partnerId: ctx.apps.shopee.partnerId,
        path: AUTH_PATH,
        timestamp: Number(fields.get("timestamp")),
        target: { type: "public" },
      },
      fields.get("sign"),
    );
    if (!ok || fields.get("partner_id") !== String(ctx.apps.shopee.partnerId)) {
      res.status(403).json({ request_id: shopeeRequestId(ctx), error: "error_sign", message: "Wrong sign." });
      return;
    }
    grantShopeeAuthorization(ctx, events, res, fields, validRedirect(fields.get("redirect")));
  });

  router.post(
    "/api/v2/auth/token/get",
    shopeePublicApi(ctx, ({ body, partnerId }) => {
      const code = stringValue(body, "code", { required: true }) ?? "";
      const shopId = intValue(body, "shop_id");
      if (shopId === undefined)
        throw new ShopeeError("error_param", "shop_id is required (main_account_id is not simulated).");
      if (requiredInt(body, "partner_id") !== partnerId)
        throw new ShopeeError("error_param", "partner_id in the body does not match the query.");
      const found = ctx.store.state.codes[code];
      if (!found || found.shopKey !== shopKeyOf("shopee", String(shopId)))
        throw new ShopeeError("error_auth", "Invalid code.");
      if (!ctx.store.consumeCode(code, String(partnerId))) throw new ShopeeError("error_auth", "Invalid code.");
      const { access, refresh } = ctx.store.issueTokens(
        found.shopKey,
        String(partnerId),
        SHOPEE_ACCESS_TTL,
        SHOPEE_REFRESH_TTL,
        32,
      );
      return {
        flat: {
          access_token: access.token,
          refresh_token: refresh.token,
          expire_in: SHOPEE_ACCESS_TTL,
          shop_id_list: [shopId],
          merchant_id_list: [],
        },
      };
    }),
  );

  router.post(
    "/api/v2/auth/access_token/get",
    shopeePublicApi(ctx, ({ body, partnerId, now }) => {
      const refreshToken = stringValue(body, "refresh_token", { required: true }) ?? "";
      const shopId = intValue(body, "shop_id");
      if (shopId === undefined)
        throw new ShopeeError("error_param", "shop_id is required (merchant_id is not simulated).");
      if (requiredInt(body, "partner_id") !== partnerId)
        throw new ShopeeError("error_param", "partner_id in the body does not match the query.");
      const found = ctx.store.state.refreshTokens[refreshToken];
      const shopKey = shopKeyOf("shopee", String(shopId));
      // Refresh tokens are single-use: a used one fails exactly like an unknown one.
      if (
        !found ||
        found.used ||
        found.revoked ||
        found.expiresAt < now ||
        found.shopKey !== shopKey ||
        found.clientId !== String(partnerId)
      ) {
        throw new ShopeeError("error_auth", "Invalid refresh_token.");
      }
      found.used = true;
      for (const token of Object.values(ctx.store.state.accessTokens)) {
        if (token.shopKey === shopKey && !token.revoked)
          token.expiresAt = Math.min(token.expiresAt, now + SHOPEE_OLD_TOKEN_GRACE);
      }
      const { access, refresh } = ctx.store.issueTokens(
        shopKey,
        String(partnerId),
        SHOPEE_ACCESS_TTL,
        SHOPEE_REFRESH_TTL,
        32,
      );
      return {
        flat: {
          partner_id: partnerId,
          shop_id: shopId,
          access_token: access.token,
          refresh_token: refresh.token,
          expire_in: SHOPEE_ACCESS_TTL,
        },
      };
    }),
  );

  // Missed pushes (dropped, or failed after every retry) of the last 3 days, 100 at a time.
  router.get(
    "/api/v2/push/get_lost_push_message",
    shopeePublicApi(ctx, () => {
      const lost = ctx.dispatcher.lostShopeePushes();
      const page = lost.slice(0, 100);
      return {
        response: {
          push_message_list: page.map((delivery) => {
            const payload = JSON.parse(delivery.body) as Record<string, unknown>;
            return {
              shop_id: payload.shop_id,
              code: payload.code,
              timestamp: payload.timestamp,
              data: JSON.stringify(payload.data),
            };
          }),
          has_next_page: lost.length > page.length,
          last_message_id: page.at(-1)?.id ?? 0,
        },
      };
    }),
  );

  router.post(
    "/api/v2/push/confirm_consumed_lost_push_message",
    shopeePublicApi(ctx, ({ body }) => {
      const last = requiredInt(body, "last_message_id", { min: 1 });
      for (const delivery of ctx.dispatcher.lostShopeePushes()) if (delivery.id <= last) delivery.consumed = true;
      return { response: {} };
    }),
  );

  return router;
}
