/**
 * A variant's sync status across its listings: the worst state of its enabled, linked listings,
 * worst first. `not_listed`: the variant has no such listing on any shop.
 */
export const variantSyncStatuses = ["failed", "conflict", "syncing", "pending", "in_sync", "not_listed"] as const;
export type VariantSyncStatus = (typeof variantSyncStatuses)[number];

/** Listing states that count towards a variant's status (unlinked and disabled listings do not). */
export const rankedListingStates = ["failed", "conflict", "syncing", "pending", "in_sync"] as const;

export const variantSyncStatusLabels: Record<VariantSyncStatus, string> = {
  failed: "Failed",
  conflict: "Conflict",
  syncing: "Syncing",
  pending: "Pending",
  in_sync: "In sync",
  not_listed: "Not listed",
};

/** The worst of some listing states (states that do not count are ignored). */
export function worstSyncStatus(states: readonly string[]): VariantSyncStatus {
  let worst: VariantSyncStatus = "not_listed";
  for (const state of states) {
    const rank = (rankedListingStates as readonly string[]).indexOf(state);
    if (rank >= 0 && rank < variantSyncStatuses.indexOf(worst)) worst = rankedListingStates[rank]!;
  }
  return worst;
}
