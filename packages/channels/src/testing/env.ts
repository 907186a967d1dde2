import type { ChannelDepsEnv } from "../deps";

/** Channel settings for tests: the simulator's seeded apps (apps/marketplace-sim/src/credentials.ts) and a fixed test key. */
export const testChannelEnv: ChannelDepsEnv = {
  SHOPEE_API_BASE_URL: "http://127.0.0.1:4101",
  SHOPEE_PARTNER_ID: 2001887,
  SHOPEE_PARTNER_KEY: "shpk-syncstore-dev-partner-key-0001",
  TIKTOK_API_BASE_URL: "http://127.0.0.1:4102",
  TIKTOK_AUTH_BASE_URL: "http://127.0.0.1:4103",
  TIKTOK_AUTHORIZE_URL: "http://127.0.0.1:4103/open/authorize",
  TIKTOK_APP_KEY: "6syncstoredev",
  TIKTOK_APP_SECRET: "syncstore-dev-tiktok-app-secret-0001",
  TIKTOK_SERVICE_ID: "7100000000000000001",
  CHANNEL_HTTP_TIMEOUT_MS: 5000,
  BETTER_AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  TOKEN_ENCRYPTION_KEY_ID: "test1",
  GATEWAY_URL: "http://localhost:4000",
};
