import { decryptToken, type Keyring, type ShopSession } from "@syncstore/channels";
import type { ChannelConnectionStatus, ChannelPlatform } from "@syncstore/db";

export interface ConnectionRow {
  id: string;
  organization_id: string;
  platform: ChannelPlatform;
  external_shop_id: string;
  name: string;
  region: string | null;
  shop_cipher: string | null;
  access_token_enc: string | null;
  status: ChannelConnectionStatus;
  last_reconciled_at: Date | string | null;
}

export const connectionColumns = `id::text as id, organization_id, platform, external_shop_id, name, region,
  shop_cipher, access_token_enc, status, last_reconciled_at`;

/** The decrypted session for platform calls, or null when the shop cannot be asked (no token, revoked). */
export function shopSessionOf(connection: ConnectionRow, keyring: Keyring): ShopSession | null {
  if (!connection.access_token_enc) return null;
  if (connection.status === "disconnected" || connection.status === "needs_reauth") return null;
  return {
    shopId: connection.external_shop_id,
    accessToken: decryptToken(keyring, connection.access_token_enc),
    ...(connection.shop_cipher ? { shopCipher: connection.shop_cipher } : {}),
    ...(connection.region ? { region: connection.region } : {}),
  };
}
