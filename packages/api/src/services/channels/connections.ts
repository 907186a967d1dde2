import { DomainError, NO_EXCHANGE_RATE } from "@syncstore/domain";
import { can, isRoleName } from "@syncstore/auth/permissions";
import {
  encryptToken,
  isChannelError,
  type AuthorizedShop,
  type ChannelError,
  type Platform,
  type ShopHealth,
  type TokenGrant,
} from "@syncstore/channels";
import {
  ChannelConnection,
  forOrganization,
  Member,
  User,
  sqlRows,
  type ChannelConnectionStatus,
  type ChannelImportProgress,
  type ChannelQuota,
} from "@syncstore/db";
import { adoptUnknownShopEvents, enqueue, requeuePendingListings, shopSessionOf } from "@syncstore/services";
import { withChange, type Actor } from "../../core/change";
import type { ApiDeps } from "../../core/context";
import type { OrgScope } from "../scope";
import { callbackUrl, type ChannelDeps } from "./deps";
import { signConnectState, verifyConnectState } from "./state";

/** A connection as the API shows it: never a token, encrypted or not. */
export interface ConnectionDto {
  id: string;
  platform: Platform;
  externalShopId: string;
  name: string;
  region: string | null;
  /** The shop's currency (from its region); null until the platform has told us. */
  currency: string | null;
  /** Linked listings whose price is held because the shop's currency has no exchange rate. */
  heldPrices: number;
  status: ChannelConnectionStatus;
  lastHealthAt: Date | null;
  lastError: string | null;
  quota: ChannelQuota | null;
  accessExpiresAt: Date | null;
  refreshExpiresAt: Date | null;
  connectedBy: { id: string; name: string } | null;
  createdAt: Date;
  updatedAt: Date;
  lastImportedAt: Date | null;
  /** The last "Import listings" run (queued, running with counts, finished or failed). */
  importProgress: Omit<ChannelImportProgress, "cursor"> | null;
  /** Listings on this shop: linked to a master variant, unmatched (imported, unlinked), failing. */
  listingCounts: ListingCounts;
}

export interface ListingCounts {
  linked: number;
  unmatched: number;
  failed: number;
  held: number;
}

const noListings: ListingCounts = { linked: 0, unmatched: 0, failed: 0, held: 0 };

/** A refresh token this close to its end makes the connection "expiring" (re-authorize soon). */
const EXPIRING_WITHIN_MS = 3 * 24 * 3600 * 1000;

function channelsOf(deps: ApiDeps): ChannelDeps {
  return deps.channels;
}

function toDto(row: ChannelConnection, users: Map<string, string>, counts: ListingCounts = noListings): ConnectionDto {
  const progress = row.importProgress ?? null;
  return {
    id: row.id,
    platform: row.platform,
    externalShopId: row.externalShopId,
    name: row.name,
    region: row.region ?? null,
    currency: row.currency ?? null,
    heldPrices: counts.held,
    status: row.status,
    lastHealthAt: row.lastHealthAt ?? null,
    lastError: row.lastError ?? null,
    quota: row.quota ?? null,
    accessExpiresAt: row.accessExpiresAt ?? null,
    refreshExpiresAt: row.refreshExpiresAt ?? null,
    connectedBy: row.connectedById
      ? { id: row.connectedById, name: users.get(row.connectedById) ?? "Former member" }
      : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastImportedAt: row.lastImportedAt ?? null,
    importProgress: progress
      ? {
          status: progress.status,
          products: progress.products,
          total: progress.total,
          listings: progress.listings,
          linked: progress.linked,
          startedAt: progress.startedAt,
          finishedAt: progress.finishedAt,
          error: progress.error,
        }
      : null,
    listingCounts: counts,
  };
}

async function listingCountsOf(scope: OrgScope): Promise<Map<string, ListingCounts>> {
  const rows = await sqlRows<ListingCounts & { connectionId: string }>(
    scope.em,
    `select connection_id as "connectionId",
            count(*) filter (where variant_id is not null)::int as linked,
            count(*) filter (where variant_id is null)::int as unmatched,
            count(*) filter (where sync_state = 'failed' and last_error_code is distinct from '${NO_EXCHANGE_RATE}')::int as failed,
            count(*) filter (where sync_state = 'failed' and last_error_code = '${NO_EXCHANGE_RATE}')::int as held
       from listing where organization_id = $1 group by connection_id`,
    [scope.actor.organizationId],
  );
  return new Map(rows.map(({ connectionId, ...counts }) => [connectionId, counts]));
}

/** The audited view of a connection (no tokens). */
function snapshot(row: ChannelConnection): Record<string, unknown> {
  return {
    platform: row.platform,
    externalShopId: row.externalShopId,
    name: row.name,
    region: row.region ?? null,
    currency: row.currency ?? null,
    status: row.status,
    lastError: row.lastError ?? null,
  };
}

export async function listConnections(scope: OrgScope): Promise<ConnectionDto[]> {
  const rows = await scope.em.find(ChannelConnection, {}, { orderBy: { platform: "asc", name: "asc" } });
  const userIds = [...new Set(rows.flatMap((row) => (row.connectedById ? [row.connectedById] : [])))];
  const users = userIds.length ? await scope.em.find(User, { id: { $in: userIds } }) : [];
  const names = new Map(users.map((user) => [user.id, user.name]));
  const counts = await listingCountsOf(scope);
  return rows.map((row) => toDto(row, names, counts.get(row.id)));
}

/** The platform authorization URL carrying a signed state; nothing is stored until the callback. */
export async function startConnect(scope: OrgScope, platform: Platform): Promise<{ url: string }> {
  const channels = channelsOf(scope.deps);
  const state = signConnectState(channels.stateSecret, {
    organizationId: scope.actor.organizationId,
    userId: scope.actor.userId,
    platform,
  });
  const url = channels.adapters
    .get(platform)
    .authorizationUrl({ redirectUrl: callbackUrl(scope.deps.webUrl, platform), state });
  await withChange(scope.deps, scope.em, scope.actor, async (change) => {
    change.audit({
      action: "channel.connect_start",
      entity: "channel_connection",
      entityId: null,
      after: { platform },
    });
  });
  return { url };
}

async function findConnection(scope: OrgScope, connectionId: string): Promise<ChannelConnection> {
  const row = await scope.em.findOne(ChannelConnection, { id: connectionId });
  if (!row) throw new DomainError("NOT_FOUND", "This connection does not exist (it may have been removed)");
  return row;
}

function quotaOf(health: ShopHealth): ChannelQuota | null {
  if (!health.quota) return null;
  return {
    limit: health.quota.limit,
    remaining: health.quota.remaining,
    resetAt: health.quota.resetAt?.toISOString() ?? null,
  };
}

function statusAfterHealth(row: ChannelConnection, health: ShopHealth, now: Date): ChannelConnectionStatus {
  const refreshDead = row.refreshExpiresAt ? row.refreshExpiresAt.getTime() <= now.getTime() : false;
  if (!health.ok) {
    const code: ChannelError["code"] | undefined = health.error?.code;
    if (code === "AUTH_REVOKED") return "needs_reauth";
    // An expired access token is refreshed by the token job unless the refresh token is dead too.
    if (code === "AUTH_EXPIRED") return refreshDead ? "needs_reauth" : "expiring";
    return "error";
  }
  if (refreshDead) return "needs_reauth";
  if (row.refreshExpiresAt && row.refreshExpiresAt.getTime() - now.getTime() < EXPIRING_WITHIN_MS) return "expiring";
  return "active";
}

/** Calls the platform's shop info with the decrypted token and records the outcome. */
export async function checkConnectionHealth(scope: OrgScope, connectionId: string): Promise<ConnectionDto> {
  const channels = channelsOf(scope.deps);
  const row = await findConnection(scope, connectionId);
  // A shop waiting for re-authorization is asked too: the check shows whether it recovered.
  const session = shopSessionOf(channels.keyring, row, { allowNeedsReauth: true });
  const health = await channels.adapters.get(row.platform).checkHealth(session);
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const current = await change.tx.findOneOrFail(ChannelConnection, { id: row.id });
    const before = snapshot(current);
    current.lastHealthAt = health.checkedAt;
    current.status = statusAfterHealth(current, health, new Date());
    current.lastError = health.ok ? null : (health.error?.message ?? "Health check failed");
    if (health.ok && health.shop) {
      current.name = health.shop.name;
      current.region = health.shop.region ?? current.region ?? null;
      current.currency = health.shop.currency ?? current.currency ?? null;
    }
    const quota = quotaOf(health);
    if (quota) current.quota = quota;
    change.audit({
      action: "channel.health_check",
      entity: "channel_connection",
      entityId: current.id,
      before,
      after: snapshot(current),
    });
    await change.tx.flush();
    const users = current.connectedById ? await change.tx.find(User, { id: current.connectedById }) : [];
    const counts = await listingCountsOf(scope);
    return toDto(current, new Map(users.map((user) => [user.id, user.name])), counts.get(current.id));
  });
}

/** Deletes the tokens (the row stays for history and reconnection) and marks it disconnected. */
export async function disconnectConnection(scope: OrgScope, connectionId: string): Promise<{ id: string }> {
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const row = await change.tx.findOne(ChannelConnection, { id: connectionId });
    if (!row) throw new DomainError("NOT_FOUND", "This connection does not exist (it may have been removed)");
    const before = snapshot(row);
    row.accessTokenEnc = null;
    row.refreshTokenEnc = null;
    row.accessExpiresAt = null;
    row.refreshExpiresAt = null;
    row.status = "disconnected";
    row.lastError = null;
    change.audit({
      action: "channel.disconnect",
      entity: "channel_connection",
      entityId: row.id,
      before,
      after: snapshot(row),
    });
    return { id: row.id };
  });
}

export interface CompleteConnectInput {
  platform: Platform;
  state: string;
  code: string;
  /** Shopee sends `shop_id` beside the code. */
  shopId?: string | null;
  /** The signed-in user finishing the flow (from the session cookie). */
  sessionUser: { id: string; name: string };
  request: Pick<Actor, "ip" | "userAgent" | "requestId">;
}

/**
 * Finishes an OAuth connection: checks the state and that the same user, still allowed to
 * connect channels, is signed in; exchanges the code; upserts one connection per authorized shop
 * with encrypted tokens; queues a first reconciliation pass of each shop (its recent orders).
 */
export async function completeConnect(
  deps: ApiDeps,
  input: CompleteConnectInput,
): Promise<{ connections: { id: string; name: string }[] }> {
  const channels = channelsOf(deps);
  const state = verifyConnectState(channels.stateSecret, input.state);
  if (state.platform !== input.platform)
    throw new DomainError("INVALID", "The connection link belongs to another marketplace; start again");
  if (state.userId !== input.sessionUser.id) {
    throw new DomainError("FORBIDDEN", "This connection was started by another user; sign in as them or start again");
  }
  const membership = await deps.orm.em
    .fork()
    .findOne(Member, { organizationId: state.organizationId, userId: state.userId }, { filters: false });
  if (!membership || !isRoleName(membership.role) || !can(membership.role, "channel:write")) {
    throw new DomainError("FORBIDDEN", "You may no longer connect channels in this organization");
  }

  const adapter = channels.adapters.get(input.platform);
  let grant: TokenGrant;
  let shops: AuthorizedShop[];
  try {
    grant = await adapter.exchangeCode({ code: input.code, shopId: input.shopId ?? undefined });
    shops = grant.shops;
    if (shops.length === 0 && input.platform === "tiktok") {
      shops = await channels.adapters.tiktok.listAuthorizedShops(grant.accessToken);
    }
  } catch (error) {
    // Platform messages name the problem (a spent code, a wrong app), never a token.
    if (isChannelError(error))
      throw new DomainError("INVALID", `The marketplace refused the connection: ${error.message}`);
    throw error;
  }
  if (shops.length === 0)
    throw new DomainError("INVALID", "The marketplace authorized no shop; pick a shop and try again");

  const actor: Actor = {
    organizationId: state.organizationId,
    userId: input.sessionUser.id,
    userName: input.sessionUser.name,
    ...input.request,
  };
  const em = forOrganization(deps.orm.em, state.organizationId);
  const elsewhere = await deps.orm.em.fork().findOne(
    ChannelConnection,
    {
      platform: input.platform,
      externalShopId: { $in: shops.map((shop) => shop.shopId) },
      organizationId: { $ne: state.organizationId },
      status: { $ne: "disconnected" },
    },
    { filters: false },
  );
  if (elsewhere) throw shopConnectedElsewhere(input.platform, elsewhere.externalShopId);
  const accessTokenEnc = encryptToken(channels.keyring, grant.accessToken);
  const refreshTokenEnc = encryptToken(channels.keyring, grant.refreshToken);
  const connectAll = withChange(deps, em, actor, async (change) => {
    const connections: { id: string; name: string }[] = [];
    for (const shop of shops) {
      const existing = await change.tx.findOne(ChannelConnection, {
        platform: input.platform,
        externalShopId: shop.shopId,
      });
      const row =
        existing ??
        change.tx.create(ChannelConnection, {
          organizationId: state.organizationId,
          platform: input.platform,
          externalShopId: shop.shopId,
          name: shop.name ?? shop.shopId,
        });
      const before = existing ? snapshot(existing) : null;
      row.name = shop.name ?? row.name;
      row.region = shop.region ?? row.region ?? null;
      row.currency = shop.currency ?? row.currency ?? null;
      row.shopCipher = shop.shopCipher ?? row.shopCipher ?? null;
      row.accessTokenEnc = accessTokenEnc;
      row.refreshTokenEnc = refreshTokenEnc;
      row.accessExpiresAt = grant.accessTokenExpiresAt;
      row.refreshExpiresAt = grant.refreshTokenExpiresAt;
      row.status = "active";
      row.lastError = null;
      row.connectedById = input.sessionUser.id;
      change.audit({
        action: "channel.connect",
        entity: "channel_connection",
        entityId: row.id,
        before,
        after: snapshot(row),
      });
      connections.push({ id: row.id, name: row.name });
      // Pushes stopped while the shop needed re-authorization left its listings pending: queue them again.
      if (existing)
        await requeuePendingListings(change.tx, { organizationId: state.organizationId, connectionId: row.id });
    }
    // Webhooks that raced the connection (Shopee pushes "shop authorized" before this callback) were
    // stored for an unknown shop: they belong to it now and are processed.
    await change.tx.flush();
    await adoptUnknownShopEvents(change.tx, { connectionIds: connections.map((connection) => connection.id) });
    // The shop's recent orders (open ones hold stock already) are pulled at once, through the same
    // reconciliation pass that later catches missed webhooks, so stock is right from the first minute.
    for (const connection of connections)
      await enqueue(
        change.tx,
        "reconcile-connection",
        { connectionId: connection.id },
        { jobKey: `reconcile:${connection.id}`, maxAttempts: 3, priority: "high" },
      );
    return { connections };
  });
  // Another organization connecting the same shop at the same moment: the unique index decides.
  return connectAll.catch((error: unknown) => {
    if (error instanceof Error && /channel_connection_one_live_shop_unique/.test(error.message)) {
      throw shopConnectedElsewhere(input.platform, shops[0]?.shopId ?? "");
    }
    throw error;
  });
}

function shopConnectedElsewhere(platform: string, shopId: string): DomainError {
  const name = platform === "shopee" ? "Shopee" : "TikTok Shop";
  return new DomainError(
    "CONFLICT",
    `${name} shop ${shopId} is already connected to another SyncStore organization. Disconnect it there first ` +
      "(Channels → Disconnect), then connect it here.",
  );
}
