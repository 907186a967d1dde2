/**
 * TikTok Shop codes. Those in marketplaces.md: 106001 bad sign, 105002 expired token, 36009004 bad
 * credentials or timestamp, 106013 missing shop_cipher, 105005 missing scope, 36009002 rate limited,
 * 36009003 internal error; from the developer guide's common errors and API versioning pages:
 * 36009009 invalid path, 36009010 invalid method, 36009014 invalid version. The rest are the
 * simulator's choice (unconfirmed) and keep to the same
 * families; the HTTP statuses are the simulator's too, except 429.
 */
export const tiktokCodes = {
  invalidSign: 106001,
  expiredToken: 105002,
  /** Unconfirmed: an access token that is unknown or revoked. */
  invalidToken: 105001,
  badCredentials: 36009004,
  missingShopCipher: 106013,
  missingScope: 105005,
  rateLimited: 36009002,
  internal: 36009003,
  /** Unconfirmed: request parameters or body failed validation. */
  invalidParams: 36009001,
  /** Unconfirmed: the product does not exist in this shop. */
  productNotFound: 12052700,
  /** Unconfirmed: the product's status does not allow this operation. */
  productStatus: 12052217,
  /** "Invalid path. The specified path does not match any available endpoint." (common errors). */
  invalidPath: 36009009,
  /** "Invalid method. The HTTP method used is not supported by this endpoint." (common errors). */
  invalidMethod: 36009010,
  /** "The version name is invalid, please check and retry." (API versioning guide). */
  invalidVersion: 36009014,
  /** Unconfirmed: the order does not exist. */
  orderNotFound: 21011001,
} as const;

const statusByCode: Record<number, number> = {
  [tiktokCodes.invalidSign]: 401,
  [tiktokCodes.expiredToken]: 401,
  [tiktokCodes.invalidToken]: 401,
  [tiktokCodes.badCredentials]: 401,
  [tiktokCodes.missingShopCipher]: 400,
  [tiktokCodes.missingScope]: 403,
  [tiktokCodes.rateLimited]: 429,
  [tiktokCodes.internal]: 500,
  [tiktokCodes.invalidParams]: 400,
  [tiktokCodes.productNotFound]: 404,
  [tiktokCodes.productStatus]: 400,
  [tiktokCodes.orderNotFound]: 404,
  [tiktokCodes.invalidPath]: 404,
  [tiktokCodes.invalidMethod]: 405,
  [tiktokCodes.invalidVersion]: 404,
};

export class TikTokError extends Error {
  override readonly name = "TikTokError";
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }

  get httpStatus(): number {
    return statusByCode[this.code] ?? 400;
  }
}

export function invalid(message: string): TikTokError {
  return new TikTokError(tiktokCodes.invalidParams, message);
}
