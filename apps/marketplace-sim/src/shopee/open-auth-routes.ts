import express, { type Router } from "express";
import { type SimContext } from "../context";
import { type ShopEvents } from "../events";
import { rawBodyOf, searchParamsOf } from "../http/raw-body";
import { grantShopeeAuthorization, shopeeAuthorizePage, validRedirect } from "./auth-routes";
import { shopeeRequestId } from "./api";
import { ShopeeError } from "./errors";

const OPEN_AUTH_PATH = "/auth";

/**
 * Shopee's newer authorization link, as current clients build it (Shopee Open Platform guides,
 * e.g. "Livestream API integration guide", 3.1.1): `https://open.shopee.com/auth?partner_id=…&
 * auth_type=seller&redirect_uri=…&response_type=code&state=…`, unsigned. Served on the Shopee port
 * beside `/api/v2/shop/auth_partner`; in production it lives on the open.shopee.com host. The
 * callback carries `code` (single-use, 10 minutes), `state`, and `shop_id` (that the newer flow
 * returns `shop_id` for seller authorization is unconfirmed). `auth_type=user` (affiliate
 * streamers) is not simulated.
 */
export function shopeeOpenAuthRoutes(ctx: SimContext, events: ShopEvents): Router {
  const router = express.Router();

  const check = (params: URLSearchParams): string => {
    if (params.get("partner_id") !== String(ctx.apps.shopee.partnerId))
      throw new ShopeeError("error_param", "Invalid partner_id.");
    if (params.get("response_type") !== "code") throw new ShopeeError("error_param", "response_type must be code.");
    const authType = params.get("auth_type");
    if (authType !== "seller")
      throw new ShopeeError(
        "error_param",
        authType === "user" ? "auth_type user (affiliate streamers) is not simulated." : "auth_type must be seller.",
      );
    return validRedirect(params.get("redirect_uri"));
  };

  router.get(OPEN_AUTH_PATH, (req, res) => {
    const params = searchParamsOf(req);
    try {
      const redirect = check(params);
      res.type("html").send(
        shopeeAuthorizePage(ctx, `${req.baseUrl}${OPEN_AUTH_PATH}/authorize`, {
          partner_id: params.get("partner_id") ?? "",
          auth_type: "seller",
          response_type: "code",
          redirect_uri: redirect,
          state: params.get("state") ?? "",
        }),
      );
    } catch (err) {
      if (!(err instanceof ShopeeError)) throw err;
      res.status(err.httpStatus).json({ request_id: shopeeRequestId(ctx), error: err.code, message: err.message });
    }
  });

  router.post(`${OPEN_AUTH_PATH}/authorize`, (req, res) => {
    const fields = new URLSearchParams(rawBodyOf(req).toString("utf8"));
    try {
      const redirect = check(fields);
      grantShopeeAuthorization(ctx, events, res, fields, redirect);
    } catch (err) {
      if (!(err instanceof ShopeeError)) throw err;
      res.status(err.httpStatus).json({ request_id: shopeeRequestId(ctx), error: err.code, message: err.message });
    }
  });

  return router;
}
