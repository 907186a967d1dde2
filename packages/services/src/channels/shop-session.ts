import {
  decryptToken,
  isChannelError,
  type ChannelAdapter,
  type ChannelDeps,
  type Keyring,
  type ShopSession,
} from "@syncstore/channels";
import {
  ChannelConnection,
  sqlRows,
  type ChannelConnectionStatus,
  type ChannelPlatform,
  type EntityManager,
} from "@syncstore/db";
import { DomainError } from "@syncstore/domain";
import type { Logger } from "pino";
import { refreshConnection } from "./refresh-connection";

/** A shop that cannot be asked (disconnected, waiting for re-authorization, removed). Coded INVALID. */
export class ConnectionUnavailableError extends DomainError {
  constructor(message: string) {
    super("INVALID", message);
  }
}

/**
 * What reaching a shop takes from a connection, whichever way it was read: the entity
 * (`ChannelConnection`) and `loadShopConnection`'s row have these properties under these names.
 */
export interface ShopConnection {
  id: string;
  organizationId: string;
  platform: ChannelPlatform;
  externalShopId: string;
  name: string;
  region?: string | null;
  shopCipher?: string | null;
  accessTokenEnc?: string | null;
  status: ChannelConnectionStatus | (string & {});
}

/** `channel_connection` columns under the property names of `ShopConnection` (for raw SQL readers). */
export function shopConnectionColumns(alias = "channel_connection"): string {
  return `${alias}.id::text as "id", ${alias}.organization_id as "organizationId", ${alias}.platform,
    ${alias}.external_shop_id as "externalShopId", ${alias}.name, ${alias}.region, ${alias}.shop_cipher as "shopCipher",
    ${alias}.access_token_enc as "accessTokenEnc", ${alias}.status`;
}

export interface LoadedShopConnection extends ShopConnection {
  platform: ChannelPlatform;
  status: ChannelConnectionStatus;
  lastReconciledAt: Date | null;
}

/** One connection by id, across organizations (jobs know the id, not the tenant). */
export async function loadShopConnection(
  em: EntityManager,
  connectionId: string,
): Promise<LoadedShopConnection | undefined> {
  const [row] = await sqlRows<LoadedShopConnection>(
    em,
    `select ${shopConnectionColumns("c")}, c.last_reconciled_at as "lastReconciledAt"
       from channel_connection c where c.id = $1`,
    [connectionId],
  );
  return row;
}

/** Whether platform calls can be made for the shop now (a token, and not disconnected or revoked). */
export function isShopReachable(connection: Pick<ShopConnection, "status" | "accessTokenEnc">): boolean {
  return (
    Boolean(connection.accessTokenEnc) && connection.status !== "disconnected" && connection.status !== "needs_reauth"
  );
}

/**
 * The one way to build the decrypted session of a connection (tokens live only in memory, for
 * this call). Throws `ConnectionUnavailableError` for a shop that cannot be asked; a connection
 * waiting for re-authorization may be asked with `allowNeedsReauth` (the health check does, to
 * see whether it recovered).
 */
export function shopSessionOf(
  keyring: Keyring,
  connection: Pick<ShopConnection, "name" | "externalShopId" | "region" | "shopCipher" | "accessTokenEnc" | "status">,
  options: { allowNeedsReauth?: boolean } = {},
): ShopSession {
  const waiting = connection.status === "needs_reauth" && !options.allowNeedsReauth;
  if (connection.status === "disconnected" || waiting || !connection.accessTokenEnc)
    throw new ConnectionUnavailableError(
      waiting
        ? `${connection.name} needs re-authorization; reconnect it first`
        : `${connection.name} is disconnected; connect the shop again first`,
    );
  return {
    shopId: connection.externalShopId,
    accessToken: decryptToken(keyring, connection.accessTokenEnc),
    ...(connection.shopCipher ? { shopCipher: connection.shopCipher } : {}),
    ...(connection.region ? { region: connection.region } : {}),
  };
}

/**
 * Runs `work` with the connection's session; an expired access token is refreshed once (under
 * the per-connection lock of `refreshConnection`) and the work retried with the new one.
 */
export async function withShopSession<T>(
  em: EntityManager,
  channels: Pick<ChannelDeps, "adapters" | "keyring">,
  connectionId: string,
  log: Logger,
  work: (adapter: ChannelAdapter, session: ShopSession, connection: ChannelConnection) => Promise<T>,
): Promise<T> {
  const load = async () => {
    const row = await em.fork().findOne(ChannelConnection, { id: connectionId }, { filters: false });
    if (!row) throw new ConnectionUnavailableError("The connection was removed");
    return row;
  };
  const row = await load();
  const adapter = channels.adapters.get(row.platform);
  try {
    return await work(adapter, shopSessionOf(channels.keyring, row), row);
  } catch (error) {
    if (!isChannelError(error) || error.code !== "AUTH_EXPIRED") throw error;
    await refreshConnection(em, channels, connectionId, log, () => new Date(8.64e15));
    const fresh = await load();
    return work(adapter, shopSessionOf(channels.keyring, fresh), fresh);
  }
}
