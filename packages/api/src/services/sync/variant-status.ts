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
 * The ids of the organization's variants whose status is one of `statuses`, as one set-based
 * statement (a `union all` of branches, each planned as a whole rather than probed per variant). A
 * variant's worst state is in the set exactly when it has a listing in some requested state `s` and
 * no listing in a state worse than `s` that is not requested: each branch is an equality on
 * `sync_state`, so the (organization, state) index finds the listings of selective states. "Not
 * listed" is one anti-join of the organization's variants against its enabled listings.
 */
function variantIdsWithStatus(organizationParam: string, statuses: ReadonlySet<VariantSyncStatus>): string[] {
  const list = (states: readonly string[]) => `array[${states.map((state) => `'${state}'`).join(", ")}]::text[]`;
  const branches = rankedListingStates.flatMap((state, rank) => {
    if (!statuses.has(state)) return [];
    const worse = rankedListingStates.slice(0, rank).filter((other) => !statuses.has(other));
    const excluded = worse.length
      ? `and not exists (select 1 from listing lw where lw.organization_id = ${organizationParam}
           and lw.variant_id = ls.variant_id and lw.enabled and lw.sync_state = any(${list(worse)}))`
      : "";
    return [
      `select ls.variant_id from listing ls where ls.organization_id = ${organizationParam}
         and ls.sync_state = '${state}' and ls.enabled and ls.variant_id is not null ${excluded}`,
    ];
  });
  if (statuses.has("not_listed")) {
    // `offset 0` keeps the anti-join a subquery planned on its own (one hashed pass): flattened, a
    // small estimate of its result lets the planner walk the block in title order probing two
    // indexes per variant, which visits every variant when (as usual) none is unlisted.
    branches.push(`select nl.id from (select lv.id from variant lv where lv.organization_id = ${organizationParam}
      and not exists (select 1 from listing ln where ln.organization_id = ${organizationParam}
        and ln.variant_id = lv.id and ln.enabled and ln.sync_state = any(${ranking})) offset 0) nl`);
  }
  return branches;
}

/**
 * Filter condition: variant `v`'s status is one of `statuses`. Every variant has exactly one
 * status, so "in the requested set" is "not in the others": a request including "in sync" and more
 * (most of a healthy catalog) is answered as the complement of the few variants in the other
 * statuses, one hashed set either way, so neither the block nor the count walks every variant
 * probing listings (every branch yields non-null ids, so `not in` is exact). The states are our own
 * constants, never user text.
 */
export function variantSyncFilter(organizationParam: string, statuses: readonly VariantSyncStatus[]): string {
  const requested = new Set<VariantSyncStatus>(statuses);
  if (variantSyncStatuses.every((status) => requested.has(status))) return "true";
  if (requested.size === 0) return "true";
  const union = (branches: string[]) => branches.join("\n      union all\n      ");
  // "In sync" alone stays one semi-join: its estimate is good, so the planner walks the block in
  // title order and stops after a few rows (the complement's hashed set would be built in full).
  if (requested.has("in_sync") && requested.size > 1) {
    const others = new Set(variantSyncStatuses.filter((status) => !requested.has(status)));
    // "Listed" as a semi-join rather than the complement of the "not listed" anti-join: the
    // planner probes it per row for a block (which stops after a few rows) and hashes it for a count.
    const listed = others.delete("not_listed")
      ? [
          `exists (select 1 from listing ln where ln.organization_id = ${organizationParam}
        and ln.variant_id = v.id and ln.enabled and ln.sync_state = any(${ranking}))`,
        ]
      : [];
    const excluded = others.size ? [`v.id not in (${union(variantIdsWithStatus(organizationParam, others))})`] : [];
    return `(${[...excluded, ...listed].join(" and ")})`;
  }
  return `v.id in (${union(variantIdsWithStatus(organizationParam, requested))})`;
}
