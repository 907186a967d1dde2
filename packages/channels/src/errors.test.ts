import { describe, expect, it } from "vitest";
import { ChannelError, networkError, parseRetryAfter } from "./errors";
import { mapShopeeError } from "./shopee/errors";
import { mapTikTokError } from "./tiktok/errors";

describe("parseRetryAfter", () => {
  it("reads delta-seconds and HTTP dates, ignores junk", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter("0.5")).toBe(500);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:03 GMT", now)).toBe(3000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 00:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe("mapShopeeError", () => {
  it.each([
    [{ httpStatus: 429, error: "error_system_busy", retryAfter: "3" }, "RATE_LIMITED"],
    [{ httpStatus: 200, error: "error_too_many_request" }, "RATE_LIMITED"],
    [{ httpStatus: 403, error: "error_auth", message: "Invalid access_token." }, "AUTH_EXPIRED"],
    [
      { httpStatus: 403, error: "error_auth", message: "Invalid refresh_token.", during: "token" as const },
      "AUTH_REVOKED",
    ],
    [{ httpStatus: 400, error: "error_param", message: "Invalid code", during: "token" as const }, "AUTH_REVOKED"],
    [{ httpStatus: 403, error: "error_shop", message: "shop not authorized" }, "AUTH_REVOKED"],
    [{ httpStatus: 403, error: "error_sign", message: "Wrong sign." }, "VALIDATION"],
    [{ httpStatus: 400, error: "error_param", message: "Invalid timestamp" }, "VALIDATION"],
    [{ httpStatus: 400, error: "error_edit_item_price_for_item_has_model", message: "has model" }, "VALIDATION"],
    [{ httpStatus: 404, error: "error_item_not_found", message: "item not found" }, "NOT_FOUND"],
    [{ httpStatus: 500, error: "error_server" }, "TRANSIENT"],
    [{ httpStatus: 200, error: "error_system_busy" }, "TRANSIENT"],
    [{ httpStatus: 200, error: "error_inner" }, "TRANSIENT"],
    [{ httpStatus: 502 }, "TRANSIENT"],
    [{ httpStatus: 404 }, "NOT_FOUND"],
    [{ httpStatus: 401 }, "AUTH_EXPIRED"],
  ])("%o → %s", (failure, code) => {
    expect(mapShopeeError(failure).code).toBe(code);
  });

  it("keeps the platform message, code, request id and retry-after", () => {
    const error = mapShopeeError({
      httpStatus: 429,
      error: "error_system_busy",
      message: "busy",
      requestId: "r1",
      retryAfter: "3",
    });
    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject({
      platformCode: "error_system_busy",
      requestId: "r1",
      retryAfterMs: 3000,
      httpStatus: 429,
    });
    expect(error.message).toBe("Shopee error_system_busy: busy");
    expect(error.retryable).toBe(true);
    expect(mapShopeeError({ httpStatus: 429 }).retryAfterMs).toBe(1000);
    expect(mapShopeeError({ httpStatus: 400, error: "error_param", message: "Invalid timestamp" }).message).toContain(
      "Invalid timestamp",
    );
  });
});

describe("mapTikTokError", () => {
  it.each([
    [{ httpStatus: 429, code: 36009002, retryAfter: "1" }, "RATE_LIMITED"],
    [{ httpStatus: 200, code: 36009002 }, "RATE_LIMITED"],
    [{ httpStatus: 401, code: 105002, message: "Access token is expired" }, "AUTH_EXPIRED"],
    [{ httpStatus: 401, code: 105001, message: "Access token is invalid" }, "AUTH_EXPIRED"],
    [{ httpStatus: 403, code: 105005, message: "missing scope" }, "AUTH_REVOKED"],
    [{ httpStatus: 200, code: 36004004, message: "refresh token expired", during: "token" as const }, "AUTH_REVOKED"],
    [{ httpStatus: 401, code: 106001, message: "Invalid sign" }, "VALIDATION"],
    [{ httpStatus: 401, code: 36009004, message: "Invalid timestamp" }, "VALIDATION"],
    [{ httpStatus: 400, code: 106013, message: "shop_cipher required" }, "VALIDATION"],
    [{ httpStatus: 500, code: 36009003, message: "Internal error" }, "TRANSIENT"],
    [{ httpStatus: 500, code: 36009003, during: "token" as const }, "TRANSIENT"],
    [{ httpStatus: 200, code: 12052048, message: "Product does not exist" }, "NOT_FOUND"],
    [{ httpStatus: 404 }, "NOT_FOUND"],
    [{ httpStatus: 503 }, "TRANSIENT"],
    [{ httpStatus: 400, code: 12019001, message: "price must be positive" }, "VALIDATION"],
  ])("%o → %s", (failure, code) => {
    expect(mapTikTokError(failure).code).toBe(code);
  });

  it("keeps the platform message and code", () => {
    const error = mapTikTokError({
      httpStatus: 429,
      code: 36009002,
      message: "Too many requests",
      requestId: "r2",
      retryAfter: "2",
    });
    expect(error).toMatchObject({ platformCode: "36009002", requestId: "r2", retryAfterMs: 2000 });
    expect(error.message).toBe("TikTok Shop 36009002: Too many requests");
  });
});

describe("networkError", () => {
  it("turns timeouts and socket errors into TRANSIENT", () => {
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    expect(networkError(timeout, "Shopee GET /x")).toMatchObject({
      code: "TRANSIENT",
      message: "Shopee GET /x timed out",
    });
    expect(networkError(new TypeError("fetch failed"), "TikTok").code).toBe("TRANSIENT");
  });
});
