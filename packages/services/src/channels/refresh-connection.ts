import { decryptToken, encryptToken, isChannelError, type ChannelDeps } from "@syncstore/channels";
import { AuditLog, ChannelConnection, LockMode, type EntityManager } from "@syncstore/db";
import type { Logger } from "pino";

/** Refresh access tokens this long before they expire (Shopee's live 4 hours, TikTok's about 7 days). */
export const REFRESH_AHEAD_MS = 30 * 60 * 1000;

export type RefreshOutcome = "refreshed" | "fresh" | "skipped" | "needs_reauth" | "failed";

/**
 * Refreshes one connection's tokens under a row lock held across the platform call. Shopee refresh
 * tokens are single-use: two workers refreshing the same shop at once would spend the token twice
 * and lock the shop out. With the lock, the second worker waits, re-reads the row, finds fresh
 * tokens and does nothing.
 */
export async function refreshConnection(
  em: EntityManager,
  channels: Pick<ChannelDeps, "adapters" | "keyring">,
  connectionId: string,
  log: Logger,
  now = () => new Date(),
  options: {
    /**
     * The access token (as stored) a platform just refused as expired: refresh even if our expiry
     * says it is fresh, unless another worker already replaced it (then "fresh": use the new one).
     */
    rejectedAccessTokenEnc?: string | null;
  } = {},
): Promise<RefreshOutcome> {
  return em.fork().transactional(async (tx) => {
    const row = await tx.findOne(
      ChannelConnection,
      { id: connectionId },
      { filters: false, lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!row || row.status === "disconnected" || row.status === "needs_reauth" || !row.refreshTokenEnc)
      return "skipped";
    if (options.rejectedAccessTokenEnc !== undefined) {
      if (row.accessTokenEnc !== options.rejectedAccessTokenEnc) return "fresh";
    } else if (row.accessExpiresAt && row.accessExpiresAt.getTime() - now().getTime() > REFRESH_AHEAD_MS)
      return "fresh";
    const before = { status: row.status, accessExpiresAt: row.accessExpiresAt?.toISOString() ?? null };
    let outcome: RefreshOutcome;
    try {
      const tokens = await channels.adapters.get(row.platform).refreshToken({
        refreshToken: decryptToken(channels.keyring, row.refreshTokenEnc),
        shopId: row.externalShopId,
      });
      row.accessTokenEnc = encryptToken(channels.keyring, tokens.accessToken);
      row.refreshTokenEnc = encryptToken(channels.keyring, tokens.refreshToken);
      row.accessExpiresAt = tokens.accessTokenExpiresAt;
      row.refreshExpiresAt = tokens.refreshTokenExpiresAt;
      row.status = "active";
      row.lastError = null;
      outcome = "refreshed";
    } catch (error) {
      if (!isChannelError(error)) throw error;
      if (error.code === "AUTH_REVOKED" || error.code === "AUTH_EXPIRED" || error.code === "VALIDATION") {
        // The seller must authorize again; retrying cannot help.
        row.status = "needs_reauth";
        row.lastError = `Token refresh refused: ${error.message}`;
        outcome = "needs_reauth";
      } else {
        row.status = "error";
        row.lastError = `Token refresh failed: ${error.message}`;
        outcome = "failed";
      }
    }
    tx.create(AuditLog, {
      organizationId: row.organizationId,
      actorId: null,
      action: "channel.token_refresh",
      entity: "channel_connection",
      entityId: row.id,
      diff: {
        status: { before: before.status, after: row.status },
        accessExpiresAt: { before: before.accessExpiresAt, after: row.accessExpiresAt?.toISOString() ?? null },
      },
    });
    // A transient failure keeps the error on the row; the next scheduled run tries again while the
    // access token is still valid (the refresh window leaves time for several runs).
    log.info({ connectionId, platform: row.platform, outcome }, "channel token refresh");
    return outcome;
  });
}

/** Connections whose access token expires within the refresh window (all organizations). */
export async function connectionsDueForRefresh(em: EntityManager, now = new Date()): Promise<string[]> {
  const due = await em.fork().find(
    ChannelConnection,
    {
      status: { $in: ["active", "expiring", "error"] },
      refreshTokenEnc: { $ne: null },
      accessExpiresAt: { $lt: new Date(now.getTime() + REFRESH_AHEAD_MS) },
    },
    { filters: false, fields: ["id"] },
  );
  return due.map((row) => row.id);
}
