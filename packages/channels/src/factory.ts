import { ShopeeAdapter } from "./shopee/adapter";
import { TikTokAdapter } from "./tiktok/adapter";
import { type ChannelAdapter, type Platform } from "./types";

/**
 * The configuration the adapters need, named as in `@syncstore/config` so `getConfig()` can be
 * passed straight in (channels does not import config: apps wire it).
 */
export interface ChannelEnv {
  SHOPEE_API_BASE_URL: string;
  SHOPEE_PARTNER_ID: number;
  SHOPEE_PARTNER_KEY: string;
  TIKTOK_API_BASE_URL: string;
  TIKTOK_AUTH_BASE_URL: string;
  TIKTOK_AUTHORIZE_URL: string;
  TIKTOK_APP_KEY: string;
  TIKTOK_APP_SECRET: string;
  TIKTOK_SERVICE_ID: string;
  CHANNEL_HTTP_TIMEOUT_MS: number;
}

export interface ChannelAdapters {
  shopee: ShopeeAdapter;
  tiktok: TikTokAdapter;
  get(platform: Platform): ChannelAdapter;
}

export function createChannelAdapters(env: ChannelEnv, options: { shopeePushCallbackUrl: string }): ChannelAdapters {
  const shopee = new ShopeeAdapter({
    baseUrl: env.SHOPEE_API_BASE_URL,
    partnerId: env.SHOPEE_PARTNER_ID,
    partnerKey: env.SHOPEE_PARTNER_KEY,
    timeoutMs: env.CHANNEL_HTTP_TIMEOUT_MS,
    pushCallbackUrl: options.shopeePushCallbackUrl,
  });
  const tiktok = new TikTokAdapter({
    apiBaseUrl: env.TIKTOK_API_BASE_URL,
    authBaseUrl: env.TIKTOK_AUTH_BASE_URL,
    authorizeUrl: env.TIKTOK_AUTHORIZE_URL,
    appKey: env.TIKTOK_APP_KEY,
    appSecret: env.TIKTOK_APP_SECRET,
    serviceId: env.TIKTOK_SERVICE_ID,
    timeoutMs: env.CHANNEL_HTTP_TIMEOUT_MS,
  });
  return { shopee, tiktok, get: (platform) => (platform === "shopee" ? shopee : tiktok) };
}
