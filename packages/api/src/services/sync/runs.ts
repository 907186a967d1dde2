import { DomainError } from "@syncstore/domain";
import { randomUUID } from "node:crypto";
import { ChannelConnection, SyncRun, type EntityManager, type SyncRunStatus } from "@syncstore/db";
import { jobPriority, markListingsForSync } from "@syncstore/services";
import { withChange, type Change } from "../../core/change";
import type { OrgScope } from "../scope";
import { listingsChangedEvent } from "./events";

export type SyncRunScope =
  { kind: "products"; productIds: string[] } | { kind: "channel"; connectionId: string } | { kind: "all" };

export interface SyncRunDto {
  id: string;
  kind: string;
  scope: Record<string, unknown>;
  total: number;
  done: number;
  failed: number;
  status: SyncRunStatus;
  actorId: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export function toRunDto(row: SyncRun): SyncRunDto {
  return {
    id: row.id,
    kind: row.kind,
    scope: row.scope ?? {},
    total: row.total,
    done: row.done,
    failed: row.failed,
    status: row.status,
    actorId: row.actorId ?? null,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt ?? null,
  };
}

/** Connections a push can reach now: not paused, not disconnected, not waiting for re-authorization. */
export function isSyncable(row: Pick<ChannelConnection, "syncPaused" | "status">): boolean {
  return !row.syncPaused && row.status !== "disconnected" && row.status !== "needs_reauth";
}

function unavailableReason(row: ChannelConnection): string {
  if (row.syncPaused) return `Sync is paused for ${row.name}; resume it first`;
  if (row.status === "needs_reauth") return `${row.name} needs to be connected again before it can sync`;
  return `${row.name} is disconnected; connect the shop again first`;
}

/**
 * Manual sync ("sync selected products", "sync channel", "sync all"): one `sync_run` row and the
 * high-priority pushes of every listing in scope, in one transaction. Paused and unreachable shops
 * are left out of "products" and "all" (their listings would never finish the run); asking for
 * one by name is refused. A run with nothing to push is finished at once.
 */
export async function startSyncRun(scope: OrgScope, input: SyncRunScope): Promise<SyncRunDto> {
  const organizationId = scope.actor.organizationId;
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    const connections = await tx.find(ChannelConnection, input.kind === "channel" ? { id: input.connectionId } : {}, {
      orderBy: { id: "asc" },
    });
    if (input.kind === "channel") {
      const connection = connections[0];
      if (!connection) throw new DomainError("NOT_FOUND", "This connection does not exist (it may have been removed)");
      if (!isSyncable(connection)) throw new DomainError("INVALID", unavailableReason(connection));
    }
    if (connections.length === 0 && input.kind === "all") {
      throw new DomainError("INVALID", "Connect a shop before syncing");
    }
    const runId = randomUUID();
    let total = 0;
    for (const connection of connections.filter(isSyncable)) {
      total += await markListingsForSync(tx, {
        organizationId,
        connectionId: connection.id,
        ...(input.kind === "products" ? { productIds: input.productIds } : { all: true }),
        priority: "high",
        syncRunId: runId,
      });
    }
    const now = new Date();
    const run = tx.create(SyncRun, {
      id: runId,
      organizationId,
      kind: input.kind,
      scope:
        input.kind === "products"
          ? { productIds: input.productIds }
          : input.kind === "channel"
            ? { connectionId: input.connectionId }
            : {},
      priority: jobPriority.high,
      total,
      done: 0,
      failed: 0,
      status: total === 0 ? "succeeded" : "running",
      actorId: scope.actor.userId,
      createdAt: now,
      finishedAt: total === 0 ? now : null,
    });
    await tx.flush();
    change.audit({
      action: "sync.run_started",
      entity: "sync_run",
      entityId: runId,
      after: { kind: run.kind, scope: run.scope, total },
    });
    change.emit("sync.progress", { runId, done: 0, failed: 0, total, status: run.status });
    await announceRunListings(change, runId);
    return toRunDto(run);
  });
}

/** Grids and product pages refresh the rows of a small run; large runs are announced by progress. */
async function announceRunListings(change: Change, runId: string): Promise<void> {
  const rows = await change.tx.execute<{ id: string; variant_id: string | null }[]>(
    `select id, variant_id from listing where sync_run_id = ? and sync_state = 'pending' limit 1001`,
    [runId],
  );
  if (rows.length > 0 && rows.length <= 1000) change.emit("listings.changed", listingsChangedEvent(rows, null));
}

export async function getSyncRun(em: EntityManager, id: string): Promise<SyncRunDto> {
  const row = await em.findOne(SyncRun, { id });
  if (!row) throw new DomainError("NOT_FOUND", "This sync run does not exist");
  return toRunDto(row);
}

/** Running runs (the progress bars to restore after a reload) and the latest finished ones. */
export async function listSyncRuns(
  em: EntityManager,
  query: { status?: "running" | "finished"; limit: number },
): Promise<SyncRunDto[]> {
  const where =
    query.status === "running"
      ? { status: "running" as const }
      : query.status === "finished"
        ? { status: { $ne: "running" as const } }
        : {};
  const rows = await em.find(SyncRun, where, { orderBy: { createdAt: "desc", id: "desc" }, limit: query.limit });
  return rows.map(toRunDto);
}
