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
  const requested = requestedSyncStatuses(statuses);
  return requested && `vs.status in (${requested.map((status) => `'${status}'`).join(", ")})`;
}

/** The statuses a sync-status filter selects (in a fixed order), or null when it selects none or all. */
export function requestedSyncStatuses(statuses: readonly VariantSyncStatus[]): VariantSyncStatus[] | null {
  const requested = variantSyncStatuses.filter((status) => statuses.includes(status));
  return requested.length === 0 || requested.length === variantSyncStatuses.length ? null : requested;
}

/**
 * The first `limit` variants (`limit` a parameter) of organization `organization` whose sync status
 * is one of `statuses`, in the grid's default order, as rows (id, o0 title, o1 product, o2 position,
 * o3 id): variant_sync carries those sort keys and its (organization, status, title, product,
 * position, variant) index holds each status's variants in that order, so each status gives its
 * first rows straight off the index and a merge of at most `limit` per status picks the block,
 * whatever the statuses' share of the catalog.
 */
export function variantSyncOrderedIds(
  statuses: readonly VariantSyncStatus[],
  organization: string,
  limit: string,
): string {
  const keys = "title, product_id, position, variant_id";
  return statuses
    .map(
      (status) => `(select variant_id as id, title as o0, product_id as o1, position as o2, variant_id as o3
       from variant_sync where organization_id = ${organization} and status = '${status}'
      order by ${keys} limit ${limit})`,
    )
    .join("\n    union all\n    ");
}
