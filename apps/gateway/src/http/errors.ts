import { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from "express";

export type HttpErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "NOT_FOUND"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "TOO_MANY_REQUESTS"
  | "INTERNAL"
  | "UNAVAILABLE";

export interface ErrorBody {
  /** `reason` is a machine-readable detail where callers can act on it (webhook refusals). */
  error: { code: HttpErrorCode; message: string; reason?: string };
  requestId: string;
}

const codeByStatus: Record<number, HttpErrorCode> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  404: "NOT_FOUND",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "TOO_MANY_REQUESTS",
  503: "UNAVAILABLE",
};

export function errorBody(status: number, message: string, requestId: string, reason?: string): ErrorBody {
  return {
    error: {
      code: codeByStatus[status] ?? (status >= 500 ? "INTERNAL" : "BAD_REQUEST"),
      message,
      ...(reason ? { reason } : {}),
    },
    requestId,
  };
}

export function sendError(req: Request, res: Response, status: number, message: string, reason?: string): void {
  res.status(status).json(errorBody(status, message, String(req.id), reason));
}

export const notFound: RequestHandler = (req, res) => {
  sendError(req, res, 404, `No route for ${req.method} ${req.path}`);
};

interface HttpishError {
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  message?: unknown;
}

/**
 * Last middleware. Client errors raised by body parsing (413, 400, 415) keep their message;
 * everything else is logged with the request id and answered with a generic message.
 */
export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  const candidate = (typeof err === "object" && err !== null ? err : {}) as HttpishError;
  const raw = candidate.status ?? candidate.statusCode;
  const status = typeof raw === "number" && raw >= 400 && raw < 600 ? raw : 500;
  if (status < 500 && candidate.expose === true && typeof candidate.message === "string") {
    req.log.info({ err }, "request refused");
    sendError(req, res, status, status === 413 ? "Request body is too large" : candidate.message);
    return;
  }
  req.log.error({ err }, "request failed");
  sendError(req, res, 500, "Internal error; quote the request id when reporting it");
};
