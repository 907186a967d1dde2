import { ChannelError, DEFAULT_RETRY_AFTER_MS, parseRetryAfter } from "../errors";

export interface TikTokFailure {
  httpStatus: number;
  /** Envelope `code`; undefined when the body was not an envelope. */
  code?: number;
  message?: string;
  requestId?: string;
  retryAfter?: string | null;
  /** Token host calls: a refusal there means the refresh token is dead. */
  during?: "api" | "token";
}

export const tiktokErrorCodes = {
  rateLimited: 36009002,
  internal: 36009003,
  badCredentialsOrTimestamp: 36009004,
  badSign: 106001,
  expiredToken: 105002,
  missingScope: 105005,
  missingShopCipher: 106013,
} as const;

/** Token codes (105xxx) other than "expired" and "missing scope": invalid or revoked tokens. */
const authFamily = /^105\d{3}$/;
const notFoundPattern = /not (be )?found|not exist|does not exist/i;

export function mapTikTokError(failure: TikTokFailure): ChannelError {
  const code = failure.code;
  const platformMessage = failure.message ?? "";
  const details = {
    platformCode: code === undefined ? undefined : String(code),
    httpStatus: failure.httpStatus,
    requestId: failure.requestId,
  };
  const describe = (fallback: string) =>
    `TikTok Shop ${code ?? `HTTP ${failure.httpStatus}`}: ${platformMessage || fallback}`;

  if (failure.httpStatus === 429 || code === tiktokErrorCodes.rateLimited) {
    return new ChannelError("RATE_LIMITED", describe("rate limited"), {
      ...details,
      retryAfterMs: parseRetryAfter(failure.retryAfter) ?? DEFAULT_RETRY_AFTER_MS,
    });
  }
  if (failure.during === "token" && code !== undefined && code !== tiktokErrorCodes.internal) {
    return new ChannelError(
      "AUTH_REVOKED",
      describe("token request refused; the seller must authorize again"),
      details,
    );
  }
  if (code === tiktokErrorCodes.expiredToken)
    return new ChannelError("AUTH_EXPIRED", describe("access token expired"), details);
  if (code === tiktokErrorCodes.missingScope) {
    return new ChannelError("AUTH_REVOKED", describe("scope not granted; the seller must authorize again"), details);
  }
  if (code !== undefined && authFamily.test(String(code))) {
    return new ChannelError("AUTH_EXPIRED", describe("access token rejected"), details);
  }
  if (code === tiktokErrorCodes.internal) return new ChannelError("TRANSIENT", describe("internal error"), details);
  if (failure.httpStatus >= 500 || failure.httpStatus === 408) {
    return new ChannelError("TRANSIENT", describe("server error"), details);
  }
  if (failure.httpStatus === 404 || notFoundPattern.test(platformMessage)) {
    return new ChannelError("NOT_FOUND", describe("not found"), details);
  }
  if (code === undefined && (failure.httpStatus === 401 || failure.httpStatus === 403)) {
    return new ChannelError("AUTH_EXPIRED", describe("unauthorized"), details);
  }
  // Bad sign, bad timestamp, missing shop_cipher and business refusals: retrying will not help.
  return new ChannelError("VALIDATION", describe("request refused"), details);
}
