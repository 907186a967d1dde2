import { ChannelError, DEFAULT_RETRY_AFTER_MS, parseRetryAfter } from "../errors";

/** What a Shopee call returned when it failed: the envelope fields and the HTTP facts. */
export interface ShopeeFailure {
  httpStatus: number;
  /** Envelope `error` ("" or absent when the body was not an envelope). */
  error?: string;
  message?: string;
  requestId?: string;
  retryAfter?: string | null;
  /** Token calls: an auth error there means the refresh token itself is dead. */
  during?: "api" | "token";
}

const transientErrors = new Set(["error_server", "error_system_busy", "error_inner", "error_network", "error_busy"]);
/** Shopee has no published rate-limit code (unconfirmed); these are the names seen in SDKs. */
const rateLimitPattern = /too_many|rate_limit|exceed.*limit|frequency/i;
const notFoundPattern = /not_found|not_exist|notfound/i;
/** The shop or the partner lost access: only a new authorization helps. */
const revokedErrors = new Set(["error_shop", "error_permission", "error_partner", "error_invalid_shop"]);

/**
 * Shopee decides by the envelope's `error`, not by HTTP status (its statuses are unconfirmed), so
 * the status is only a fallback when the body is not an envelope.
 */
export function mapShopeeError(failure: ShopeeFailure): ChannelError {
  const error = failure.error ?? "";
  const platformMessage = failure.message ?? "";
  const details = {
    platformCode: error || undefined,
    httpStatus: failure.httpStatus,
    requestId: failure.requestId,
  };
  const describe = (fallback: string) =>
    `Shopee ${error || `HTTP ${failure.httpStatus}`}: ${platformMessage || fallback}`;

  if (failure.httpStatus === 429 || rateLimitPattern.test(error)) {
    return new ChannelError("RATE_LIMITED", describe("rate limited"), {
      ...details,
      retryAfterMs: parseRetryAfter(failure.retryAfter) ?? DEFAULT_RETRY_AFTER_MS,
    });
  }
  if (
    failure.during === "token" &&
    (error === "error_auth" || /invalid.*(refresh_token|code)/i.test(platformMessage))
  ) {
    return new ChannelError(
      "AUTH_REVOKED",
      describe("token request refused; the seller must authorize again"),
      details,
    );
  }
  if (error === "error_auth") return new ChannelError("AUTH_EXPIRED", describe("access token rejected"), details);
  if (revokedErrors.has(error)) {
    return new ChannelError("AUTH_REVOKED", describe("shop access revoked"), details);
  }
  if (transientErrors.has(error)) return new ChannelError("TRANSIENT", describe("platform error"), details);
  if (notFoundPattern.test(error)) return new ChannelError("NOT_FOUND", describe("not found"), details);
  if (!error) {
    if (failure.httpStatus >= 500 || failure.httpStatus === 408) {
      return new ChannelError("TRANSIENT", describe("server error"), details);
    }
    if (failure.httpStatus === 404) return new ChannelError("NOT_FOUND", describe("not found"), details);
    if (failure.httpStatus === 401 || failure.httpStatus === 403) {
      return new ChannelError("AUTH_EXPIRED", describe("unauthorized"), details);
    }
  }
  // error_sign, error_param and business refusals: our request is wrong, retrying will not help.
  return new ChannelError("VALIDATION", describe("request refused"), details);
}
