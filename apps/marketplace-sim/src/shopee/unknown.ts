import { type ErrorRequestHandler, type RequestHandler } from "express";
import { type SimContext } from "../context";
import { type ServedRoute, whyUnmatched } from "../http/routes";
import { clientErrorStatus } from "../http/status";
import { shopeeRequestId } from "./api";
import { ShopeeError } from "./errors";

/**
 * A path the Shopee host does not serve (an unknown API, another `/api/vN`, another method) answers
 * in Shopee's envelope with `error_not_found`, the code its API pages list for a wrong request.
 * The exact error and HTTP status Shopee's gateway gives an unknown path are unconfirmed.
 */
export function shopeeNotFound(ctx: SimContext, routes: readonly ServedRoute[]): RequestHandler {
  return (req, res) => {
    const why = whyUnmatched(routes, req.method, req.path);
    const message =
      why.kind === "method"
        ? `Wrong http method ${req.method}; ${req.path} takes ${why.allowed.join(" or ")}.`
        : why.kind === "version"
          ? `Wrong api version in ${req.path}; this API is served as ${why.served.join(", ")}.`
          : `Api not found: ${req.path}.`;
    const error = new ShopeeError("error_not_found", message);
    res.status(error.httpStatus).json({ request_id: shopeeRequestId(ctx), error: error.code, message: error.message });
  };
}

/** Unreadable bodies (too large, broken) and unexpected failures, in Shopee's envelope. */
export function shopeeErrorHandler(ctx: SimContext): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const status = clientErrorStatus(err);
    if (status === 500) req.log.error({ err }, "request failed");
    const error =
      status === 500
        ? new ShopeeError("error_server", "Something wrong. Please try later.")
        : new ShopeeError("error_param", String((err as Error).message));
    res.status(status).json({ request_id: shopeeRequestId(ctx), error: error.code, message: error.message });
  };
}
