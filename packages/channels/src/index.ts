export * from "./types";
export type { ChannelEvent, ChannelEventKind } from "./webhooks/events";
export {
  ChannelError,
  channelErrorCodes,
  isChannelError,
  parseRetryAfter,
  type ChannelErrorCode,
  type ChannelErrorDetails,
} from "./errors";
export { mapShopeeError, type ShopeeFailure } from "./shopee/errors";
export { mapTikTokError, tiktokErrorCodes, type TikTokFailure } from "./tiktok/errors";
export { chunk, planBatches, SHOPEE_BATCH_LIMIT, TIKTOK_BATCH_LIMIT, type Chunk } from "./batch";
export { shopeePriceDecimals, toFixedDecimal } from "./money";
export { shopCurrency } from "./regions";
export { closeChannelAgent, type HttpRequest, type HttpResponse, type HttpTransport } from "./http";
export { ShopeeAdapter, type ShopeeAdapterOptions } from "./shopee/adapter";
export { TikTokAdapter, type TikTokAdapterOptions } from "./tiktok/adapter";
export { createChannelAdapters, type ChannelAdapters, type ChannelEnv } from "./factory";
export {
  decryptToken,
  encryptToken,
  keyIdOf,
  keyringFrom,
  reencryptToken,
  TokenCipherError,
  type Keyring,
} from "./token-cipher";
export { createChannelDeps, type ChannelDeps, type ChannelDepsEnv } from "./deps";
