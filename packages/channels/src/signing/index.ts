export { hmacSha256Hex, type RawBody } from "./hmac";
export {
  isShopeeTimestampFresh,
  SHOPEE_TIMESTAMP_WINDOW_SECONDS,
  shopeeBaseString,
  shopeePushBaseBytes,
  type ShopeeSignInput,
  type ShopeeSignTarget,
  signShopeePush,
  signShopeeRequest,
  verifyShopeePush,
  verifyShopeeRequest,
} from "./shopee";
export {
  isTikTokTimestampFresh,
  signTikTokRequest,
  signTikTokWebhook,
  TIKTOK_TIMESTAMP_MAX_AGE_SECONDS,
  TIKTOK_TIMESTAMP_MAX_SKEW_AHEAD_SECONDS,
  tiktokBaseBytes,
  type TikTokQuery,
  type TikTokSignInput,
  tiktokSignPayload,
  tiktokWebhookBaseBytes,
  verifyTikTokRequest,
  verifyTikTokWebhook,
} from "./tiktok";
