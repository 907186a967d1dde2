import type { SyncOperation } from "../sync/desired";
import { groupOfOperation } from "./hash";

/**
 * The engine's seam: operations of a field group with an open conflict are not pushed to that
 * listing (the conflict waits for a person); every other operation goes ahead.
 */
export function withoutPausedOperations(
  ops: readonly SyncOperation[],
  pausedGroups: readonly string[] | null | undefined,
): SyncOperation[] {
  if (!pausedGroups || pausedGroups.length === 0) return [...ops];
  return ops.filter((op) => {
    const group = groupOfOperation[op];
    return !group || !pausedGroups.includes(group);
  });
}
