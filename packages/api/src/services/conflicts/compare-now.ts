import { sqlRows } from "@syncstore/db";
import { enqueue } from "@syncstore/services";
import { withChange } from "../../core/change";
import { DomainError } from "../../core/errors";
import type { OrgScope } from "../scope";

/** Queues a compare-with-live pass over one shop (audited, job in the same transaction). */
export async function compareNow(scope: OrgScope, connectionId: string): Promise<{ queued: boolean }> {
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const [connection] = await sqlRows<{ id: string; status: string }>(
      change.tx,
      `select id::text as id, status from channel_connection where organization_id = $1 and id = $2::uuid`,
      [scope.actor.organizationId, connectionId],
    );
    if (!connection) throw new DomainError("NOT_FOUND", "This shop does not exist (it may have been removed)");
    if (connection.status === "disconnected" || connection.status === "needs_reauth")
      throw new DomainError("INVALID", "Connect the shop again before comparing it with the marketplace");
    await enqueue(
      change.tx,
      "compare-live-listings",
      { connectionId },
      { jobKey: `compare-live:${connectionId}`, maxAttempts: 3, priority: "low" },
    );
    change.audit({ action: "conflict.compare_live", entity: "channel_connection", entityId: connectionId });
    return { queued: true };
  });
}
