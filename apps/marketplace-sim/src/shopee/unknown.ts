import { type ErrorRequestHandler, type RequestHandler } from "express";
import { type SimContext } from "../context";
import { clientErrorStatus } from "../http/status";
import { shopeeRequestId } from "./api";
import { ShopeeError } from "./errors";

/** A path the Shopee host does not serve answers in Shopee's envelope, as the platform's gateway does. */
export function shopeeNotFound(ctx: SimContext): RequestHandler {
  return (req, res) => {
    const error = new ShopeeError("error_not_found", `Wrong api path ${req.path}.`);
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
