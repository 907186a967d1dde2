import { DomainError } from "@syncstore/domain";
import { ChannelConnection, Listing } from "@syncstore/db";
import { markListingsForSync } from "@syncstore/services";
import { withChange } from "../../core/change";
import type { OrgScope } from "../scope";
import { listingsChangedEvent } from "./events";
import { isSyncable } from "./runs";

/** Pushes one listing again now (high priority), whatever its state; refused for listings the engine cannot push. */
export async function retryListing(scope: OrgScope, listingId: string): Promise<{ marked: number }> {
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const listing = await change.tx.findOne(Listing, { id: listingId });
    if (!listing) throw new DomainError("NOT_FOUND", "This listing does not exist (it may have been removed)");
    if (!listing.variantId)
      throw new DomainError("INVALID", "Link this listing to a product variant before syncing it");
    if (!listing.enabled) throw new DomainError("INVALID", "This listing is switched off; enable it to sync");
    if (!listing.externalProductId) throw new DomainError("INVALID", "This listing is not published on the shop yet");
    const connection = await change.tx.findOneOrFail(ChannelConnection, { id: listing.connectionId });
    if (!isSyncable(connection)) {
      throw new DomainError(
        "INVALID",
        connection.syncPaused
          ? `Sync is paused for ${connection.name}; resume it first`
          : `${connection.name} must be connected again before it can sync`,
      );
    }
    const before = { syncState: listing.syncState, lastError: listing.lastError ?? null };
    const marked = await markListingsForSync(change.tx, {
      organizationId: scope.actor.organizationId,
      listingIds: [listingId],
      priority: "high",
    });
    change.audit({
      action: "sync.retry",
      entity: "listing",
      entityId: listingId,
      before,
      after: { syncState: "pending", lastError: null },
    });
    change.emit(
      "listings.changed",
      listingsChangedEvent([{ id: listing.id, variant_id: listing.variantId }], listing.connectionId),
    );
    return { marked };
  });
}

/** Pushes every failed listing again (of one shop, or of every shop that can sync now). */
export async function retryFailed(scope: OrgScope, connectionId: string | undefined): Promise<{ marked: number }> {
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const connections = await change.tx.find(ChannelConnection, connectionId ? { id: connectionId } : {});
    if (connectionId && connections.length === 0) {
      throw new DomainError("NOT_FOUND", "This connection does not exist (it may have been removed)");
    }
    const reachable = connections.filter(isSyncable).map((row) => row.id);
    if (connectionId && reachable.length === 0) {
      throw new DomainError("INVALID", "This shop cannot sync now (paused or waiting to be connected again)");
    }
    const failed = reachable.length
      ? await change.tx.execute<{ id: string; variant_id: string | null; connection_id: string }[]>(
          `select id, variant_id, connection_id from listing
            where organization_id = ? and sync_state = 'failed' and connection_id = any(?::uuid[])`,
          [scope.actor.organizationId, `{${reachable.join(",")}}`],
        )
      : [];
    const marked = failed.length
      ? await markListingsForSync(change.tx, {
          organizationId: scope.actor.organizationId,
          listingIds: failed.map((row) => row.id),
          priority: "high",
        })
      : 0;
    change.audit({
      action: "sync.retry_failed",
      entity: connectionId ? "channel_connection" : "organization",
      entityId: connectionId ?? scope.actor.organizationId,
      after: { marked },
    });
    if (failed.length > 0 && failed.length <= 1000) {
      change.emit("listings.changed", listingsChangedEvent(failed, connectionId ?? null));
    }
    return { marked };
  });
}

/**
 * Pausing keeps queued pushes (the engine leaves a paused shop alone); resuming marks the shop's
 * pending listings again so every one of them has a job, whatever happened to jobs while paused.
 */
export async function setChannelPaused(
  scope: OrgScope,
  connectionId: string,
  paused: boolean,
): Promise<{ connectionId: string; paused: boolean; marked: number }> {
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const connection = await change.tx.findOne(ChannelConnection, { id: connectionId });
    if (!connection) throw new DomainError("NOT_FOUND", "This connection does not exist (it may have been removed)");
    if (connection.syncPaused === paused) {
      throw new DomainError("CONFLICT", `Sync is already ${paused ? "paused" : "running"} for ${connection.name}`);
    }
    connection.syncPaused = paused;
    await change.tx.flush();
    let marked = 0;
    if (!paused) {
      const pending = await change.tx.execute<{ id: string }[]>(
        `select id from listing where organization_id = ? and connection_id = ? and sync_state = 'pending'`,
        [scope.actor.organizationId, connectionId],
      );
      if (pending.length) {
        marked = await markListingsForSync(change.tx, {
          organizationId: scope.actor.organizationId,
          connectionId,
          listingIds: pending.map((row) => row.id),
        });
      }
    }
    change.audit({
      action: paused ? "sync.paused" : "sync.resumed",
      entity: "channel_connection",
      entityId: connectionId,
      before: { syncPaused: !paused },
      after: { syncPaused: paused, ...(paused ? {} : { marked }) },
    });
    change.emit("connection.changed", { connectionId, status: connection.status });
    return { connectionId, paused, marked };
  });
}
