import { type ErrorRequestHandler, type RequestHandler } from "express";
import { type SimContext } from "../context";
import { clientErrorStatus } from "../http/status";
import { sendTikTok, tiktokRequestId } from "./api";
import { TikTokError, tiktokCodes } from "./errors";

/** A path the TikTok Shop host does not serve answers in TikTok's envelope with TikTok's code. */
export function tiktokNotFound(ctx: SimContext): RequestHandler {
  return (req, res) => {
    sendTikTok(res, tiktokRequestId(ctx), new TikTokError(tiktokCodes.pathNotFound, `Invalid path: ${req.path}.`));
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
