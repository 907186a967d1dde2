import {
  decryptToken,
  isChannelError,
  type ChannelAdapter,
  type ChannelDeps,
  type ShopSession,
} from "@syncstore/channels";
import { ChannelConnection, type EntityManager } from "@syncstore/db";
import type { Logger } from "pino";
import { refreshConnection } from "./refresh-connection";

export class ConnectionUnavailableError extends Error {
  override readonly name = "ConnectionUnavailableError";
}

/** The decrypted session of a connection (tokens live only in memory, for this call). */
export function shopSessionOf(channels: Pick<ChannelDeps, "keyring">, row: ChannelConnection): ShopSession {
  if (row.status === "disconnected" || row.status === "needs_reauth" || !row.accessTokenEnc)
    throw new ConnectionUnavailableError(
      `${row.name} is ${row.status === "needs_reauth" ? "waiting for re-authorization" : "disconnected"}; reconnect it first`,
    );
  return {
    shopId: row.externalShopId,
    accessToken: decryptToken(channels.keyring, row.accessTokenEnc),
    shopCipher: row.shopCipher ?? undefined,
    region: row.region ?? undefined,
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
    return await work(adapter, shopSessionOf(channels, row), row);
  } catch (error) {
    if (!isChannelError(error) || error.code !== "AUTH_EXPIRED") throw error;
    await refreshConnection(em, channels, connectionId, log, () => new Date(8.64e15));
    const fresh = await load();
    return work(adapter, shopSessionOf(channels, fresh), fresh);
  }
}
