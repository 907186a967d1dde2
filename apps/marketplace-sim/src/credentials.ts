/**
 * Development credentials the simulator accepts out of the box. They are not secrets: they only
 * unlock this local simulator. SyncStore's configuration defaults (SHOPEE_* / TIKTOK_* settings)
 * must use the same values so `npm start` works without any setup.
 */

export interface ShopeeAppCredentials {
  /** `partner_id` sent on every request. */
  partnerId: number;
  /** HMAC key (its UTF-8 bytes) for request signatures and push `Authorization` headers. */
  partnerKey: string;
  name: string;
}

export interface TikTokAppCredentials {
  appKey: string;
  appSecret: string;
  /** `service_id` of the authorize link. */
  serviceId: string;
  /** The redirect URL registered for the app; the authorize page sends the seller back here. */
  redirectUrl: string;
  name: string;
}

export const SHOPEE_DEV_PARTNER_ID = 2_001_887;
export const SHOPEE_DEV_PARTNER_KEY = "shpk-syncstore-dev-partner-key-0001";

export const TIKTOK_DEV_APP_KEY = "6syncstoredev";
export const TIKTOK_DEV_APP_SECRET = "syncstore-dev-tiktok-app-secret-0001";
export const TIKTOK_DEV_SERVICE_ID = "7100000000000000001";
/** Where SyncStore's web app finishes the TikTok OAuth flow in development (override with SIM_TIKTOK_REDIRECT_URL). */
export const TIKTOK_DEV_REDIRECT_URL = "http://localhost:3000/api/channels/tiktok/callback";

export const devShopeeApp: ShopeeAppCredentials = {
  partnerId: SHOPEE_DEV_PARTNER_ID,
  partnerKey: SHOPEE_DEV_PARTNER_KEY,
  name: "SyncStore (development)",
};

export const devTikTokApp: TikTokAppCredentials = {
  appKey: TIKTOK_DEV_APP_KEY,
  appSecret: TIKTOK_DEV_APP_SECRET,
  serviceId: TIKTOK_DEV_SERVICE_ID,
  redirectUrl: TIKTOK_DEV_REDIRECT_URL,
  name: "SyncStore (development)",
};
