import { rankedListingStates, variantSyncStatuses, type VariantSyncStatus } from "@syncstore/domain";

const ranking = `array[${rankedListingStates.map((state) => `'${state}'`).join(", ")}]::text[]`;

/** The listings that count towards variant `v`'s sync status, worst first. */
function worstListings(organization: string): string {
  return `from listing ls join channel_connection lc on lc.id = ls.connection_id
     where ls.organization_id = ${organization} and ls.variant_id = v.id and ls.enabled
       and ls.sync_state = any(${ranking})
     order by array_position(${ranking}, ls.sync_state::text), lc.name
     limit 1`;
}

/**
 * Grid column: the worst listing of variant `v` as JSON ({state, error, channel}) or null when it
 * is not listed. One index lookup (listing by organization and variant) per row of the block.
 */
export const variantSyncColumn = `(select json_build_object('state', ls.sync_state, 'error', ls.last_error, 'channel', lc.name)
    ${worstListings("v.organization_id")}) as sync`;

/**
 * Filter condition on `variant_sync vs` (joined on the variant): its status is one of `statuses`;
 * null when the statuses select every variant or none was chosen. Triggers on `listing` and
 * `variant` keep `variant_sync` current in every writer's own statement (one row per variant,
 * indexed by organization and status). The states are our own constants, never user text.
 */
export function variantSyncCondition(statuses: readonly VariantSyncStatus[]): string | null {
  const requested = variantSyncStatuses.filter((status) => statuses.includes(status));
  if (requested.length === 0 || requested.length === variantSyncStatuses.length) return null;
  return `vs.status in (${requested.map((status) => `'${status}'`).join(", ")})`;
}
