import { rankedListingStates, type VariantSyncStatus } from "@syncstore/domain";

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
 * Filter condition: variant `v`'s status is one of `statuses`. A variant's worst state is in the
 * set exactly when it has a listing in some requested state `s` and no listing in a state worse
 * than `s` that is not requested. Each part is an equality on `sync_state`, so the (organization,
 * state) index finds the few listings of selective states (failed, conflict) instead of scanning
 * every listing; "not listed" is an anti-join. The states are our own constants, never user text.
 */
export function variantSyncFilter(organizationParam: string, statuses: readonly VariantSyncStatus[]): string {
  const requested = new Set<string>(statuses);
  const list = (states: readonly string[]) => `array[${states.map((state) => `'${state}'`).join(", ")}]::text[]`;
  const conditions = rankedListingStates.flatMap((state, rank) => {
    if (!requested.has(state)) return [];
    const worse = rankedListingStates.slice(0, rank).filter((other) => !requested.has(other));
    const excluded = worse.length
      ? `and not exists (select 1 from listing lw where lw.organization_id = ${organizationParam}
           and lw.variant_id = ls.variant_id and lw.enabled and lw.sync_state = any(${list(worse)}))`
      : "";
    return [
      `v.id in (select ls.variant_id from listing ls where ls.organization_id = ${organizationParam}
         and ls.sync_state = '${state}' and ls.enabled and ls.variant_id is not null ${excluded})`,
    ];
  });
  if (requested.has("not_listed")) {
    conditions.push(`not exists (select 1 from listing ln where ln.organization_id = ${organizationParam}
      and ln.variant_id = v.id and ln.enabled and ln.sync_state = any(${ranking}))`);
  }
  return conditions.length ? `(${conditions.join(" or ")})` : "true";
}
