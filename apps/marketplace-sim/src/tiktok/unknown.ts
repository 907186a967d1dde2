import { type ErrorRequestHandler, type RequestHandler } from "express";
import { type SimContext } from "../context";
import { type ServedRoute, whyUnmatched } from "../http/routes";
import { clientErrorStatus } from "../http/status";
import { sendTikTok, tiktokRequestId } from "./api";
import { TikTokError, tiktokCodes } from "./errors";

/**
 * A request no route takes answers with TikTok's documented codes ("Common errors" and "API
 * versioning" in the developer guide): 36009010 for a path served with other methods, 36009014 for
 * a resource called with a version the simulator does not serve (e.g. product search 202502), and
 * 36009009 for any other path. The HTTP statuses are the simulator's choice (unconfirmed).
 */
export function tiktokNotFound(ctx: SimContext, routes: readonly ServedRoute[]): RequestHandler {
  return (req, res) => {
    const why = whyUnmatched(routes, req.method, req.path);
    const error =
      why.kind === "method"
        ? new TikTokError(
            tiktokCodes.invalidMethod,
            "Invalid method. The HTTP method used is not supported by this endpoint.",
          )
        : why.kind === "version"
          ? new TikTokError(tiktokCodes.invalidVersion, "The version name is invalid, please check and retry.")
          : new TikTokError(
              tiktokCodes.invalidPath,
              "Invalid path. The specified path does not match any available endpoint.",
            );
    sendTikTok(res, tiktokRequestId(ctx), error);
  };
}

/** Unreadable bodies (too large, broken) and unexpected failures, in TikTok's envelope. */
export function tiktokErrorHandler(ctx: SimContext): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const status = clientErrorStatus(err);
    if (status === 500) req.log.error({ err }, "request failed");
    const error =
      status === 500
        ? new TikTokError(tiktokCodes.internal, "Internal error; please retry later.")
        : new TikTokError(tiktokCodes.invalidParams, String((err as Error).message));
    res.status(status).json({ code: error.code, message: error.message, request_id: tiktokRequestId(ctx), data: null });
  };
}
