/**
 * Shopee answers `{request_id, error, message}` and callers decide by `error`. The HTTP statuses
 * below are the simulator's choice (Shopee's are unconfirmed); clients must not rely on them.
 */
export type ShopeeErrorCode =
  | "error_param"
  | "error_sign"
  | "error_auth"
  | "error_shop"
  | "error_not_found"
  | "error_item_not_found"
  | "error_edit_item_price_for_item_has_model"
  | "logistics.invalid_error"
  | "error_system_busy"
  | "error_server";

const statusByCode: Record<ShopeeErrorCode, number> = {
  error_param: 400,
  error_sign: 403,
  error_auth: 403,
  error_shop: 403,
  error_not_found: 404,
  error_item_not_found: 404,
  error_edit_item_price_for_item_has_model: 400,
  "logistics.invalid_error": 400,
  // Shopee publishes no QPS limit or throttling code (unconfirmed): the simulator answers 429 with
  // the "system busy" error Shopee documents as retryable.
  error_system_busy: 429,
  error_server: 500,
};

export class ShopeeError extends Error {
  override readonly name = "ShopeeError";
  constructor(
    readonly code: ShopeeErrorCode,
    message: string,
  ) {
    super(message);
  }

  get httpStatus(): number {
    return statusByCode[this.code];
  }
}

export const shopeeMessages = {
  wrongSign: "Wrong sign.",
  invalidAccessToken: "Invalid access_token.",
  invalidTimestamp: "Invalid timestamp",
  busy: "System is busy, please try again later.",
  server: "Something wrong. Please try later.",
} as const;
