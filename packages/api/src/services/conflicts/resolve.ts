import {
  CONFLICT_IDS_PER_EVENT,
  conflictsChanged,
  resolveConflicts,
  type ResolutionStrategy,
} from "@syncstore/services";
import type { ConflictValues } from "@syncstore/db";
import { withChange } from "../../core/change";
import type { OrgScope } from "../scope";

/**
 * Resolves conflicts with one strategy in one transaction; each resolution writes its own audit row
 * (who, when, base/master/channel before, the value after). Pushes follow through the sync engine.
 * `closed` counts the open conflicts of the same products that the new master value made moot.
 */
export async function resolve(
  scope: OrgScope,
  input: { conflictIds: string[]; strategy: ResolutionStrategy; value?: ConflictValues | undefined },
): Promise<{ resolved: number; skipped: number; closed: number }> {
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const result = await resolveConflicts(change.tx, {
      organizationId: scope.actor.organizationId,
      conflictIds: input.conflictIds,
      strategy: input.strategy,
      ...(input.value ? { value: input.value } : {}),
      actorId: scope.actor.userId,
      requestId: scope.actor.requestId ?? null,
    });
    for (const payload of conflictsChanged(
      [{ opened: [], closed: [...result.resolved, ...result.closed], decided: [] }],
      result.listingIds,
    ))
      change.emit("conflicts.changed", payload);
    for (let start = 0; start < result.listingIds.length; start += CONFLICT_IDS_PER_EVENT)
      change.emit("listings.changed", {
        listingIds: result.listingIds.slice(start, start + CONFLICT_IDS_PER_EVENT),
        variantIds: [],
        connectionId: null,
        reason: "overrides",
      });
    return { resolved: result.resolved.length, skipped: result.skipped.length, closed: result.closed.length };
  });
}
