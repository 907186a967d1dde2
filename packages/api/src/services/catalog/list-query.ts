import { catalogSortFields, type CatalogSortField, type VariantSyncStatus } from "@syncstore/domain";
import { requestedSyncStatuses, variantSyncCondition, variantSyncOrderedIds } from "../sync/variant-status";
import { likeContains } from "../sql";

export const sortFields = catalogSortFields;
export type SortField = CatalogSortField;

export interface ListSort {
  field: SortField;
  direction: "asc" | "desc";
}

export interface ListFilter {
  status?: ("draft" | "active" | "archived")[];
  categoryIds?: string[];
  brands?: string[];
  price?: { min?: number; max?: number };
  stockOnHand?: { min?: number; max?: number };
  title?: string;
  sku?: string;
  tags?: string[];
  /** The variant's sync status (worst state of its listings). */
  syncStatus?: VariantSyncStatus[];
}

export interface ListQuery {
  startRow: number;
  endRow: number;
  sort?: ListSort[];
  filter?: ListFilter;
  search?: string;
}

const sortExpressions: Record<SortField, string> = {
  title: "p.title",
  sku: "v.sku",
  price: "v.price",
  compareAtPrice: "v.compare_at_price",
  cost: "v.cost",
  stockOnHand: "coalesce(s.on_hand, 0)",
  status: "p.status",
  brand: "p.brand",
  category: "c.path",
  updatedAt: "greatest(p.updated_at, v.updated_at)",
};

/** The grid counts matching rows exactly up to this many, and says "more than" beyond. */
export const LIST_COUNT_CAP = 10_000;

/** Word similarity above which a title or brand counts as a (typo-tolerant) match. */
export const SEARCH_SIMILARITY = 0.3;

/** Same normalisation as the SQL function catalog_search_text: lower case, no - _ . / */
export function searchText(value: string): string {
  return value.toLowerCase().replace(/[-_./]+/g, "");
}

/** The words of a quick search (at most 8), lower case: each must match. */
export function searchWords(search: string): string[] {
  return search.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
}

/** "T-shirt bla" → "t:* & shirt:* & bla:*" (prefix match on every word), or null without words. */
export function prefixTsQuery(search: string): string | null {
  const words = search
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return words.length ? words.map((word) => `${word}:*`).join(" & ") : null;
}

/**
 * Only the joins a statement needs: the tables its SQL mentions. Inner joins are not free, and
 * picking a block's ids from the narrow join before fetching its columns keeps deep OFFSETs cheap.
 * A quick search starts from its matches (`hit`) and joins variants only when something needs them.
 */
function joinsFor(sql: string, hit: string | null): string {
  const needsVariant = /\bv\.|\bp\.|\bc\.|\bs\./.test(sql);
  const needsSync = /\bvs\./.test(sql);
  // A count filtered by sync status alone reads variant_sync alone (its organization and status index).
  if (!hit && needsSync && !needsVariant) return "variant_sync vs";
  const joins = hit ? [`(${hit}) hit`] : ["variant v"];
  if (hit && needsVariant) joins.push("join variant v on v.id = hit.id");
  if (needsSync) joins.push(`join variant_sync vs on vs.variant_id = ${hit ? "hit.id" : "v.id"}`);
  if (/\bp\.|\bc\./.test(sql))
    joins.push("join product p on p.id = v.product_id and p.organization_id = v.organization_id");
  if (/\bs\./.test(sql)) joins.push("left join stock_level s on s.variant_id = v.id");
  if (/\bc\./.test(sql)) joins.push("left join category c on c.id = p.category_id");
  return joins.join("\n  ");
}

export interface BuiltQuery {
  /** Rows of the block: select … where … order by … limit/offset. */
  rows: string;
  /** Count of all rows matching the same conditions. */
  count: string;
  /**
   * Count of the matching rows up to `LIST_COUNT_CAP + 1` (with `countParams`): it stops early, so a
   * large result costs what counting the cap costs; more than the cap means "more than".
   */
  cappedCount: string;
  /** Every matching row in order in one flat statement (for a cursor: the export), with `countParams`. */
  all: string;
  /**
   * A search's rows also carry `"matchTotal"` (all matches, counted in the same pass as the ranking
   * that has to see every match anyway), so a search needs no separate count.
   */
  rowsCarryTotal: boolean;
  params: unknown[];
  /** The parameters of `count` (the same, without limit and offset). */
  countParams: unknown[];
}

/**
 * Builds the grid's list query: one statement for the block (ordered by the requested sort, then
 * by product and the variant's position so a product's variants stay together) and one count.
 *
 * Quick search: every word of the search (up to 8) must match, each in any of: the normalised title
 * by trigram word similarity (typos), the brand by similarity, title/brand/tags by full-text prefix,
 * or a SKU substring. Candidates come through the indexes of the longest word's ways of matching
 * (trigram and full-text GIN on product, trigram GIN on the SKU), then every word is checked on
 * them; the result is the `hit` table the block and the count start from. Matches rank by the sum
 * of each word's title similarity, plus 50 for an exact title and 100 for an exact SKU, unless the
 * user sorts.
 */
export function buildListQuery(organizationId: string, query: ListQuery, select: string, from: string): BuiltQuery {
  const params: unknown[] = [organizationId];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const search = query.search?.trim();
  // Search matches are already the organization's: the hit table carries the scope.
  const filter = query.filter ?? {};
  const syncStatus = variantSyncCondition(filter.syncStatus ?? []);
  const where = search ? [] : ["v.organization_id = $1"];
  // variant_sync carries its variant's organization (and is scoped by it too): a count filtered by
  // sync status alone reads only variant_sync's (organization, status) index, never the variants.
  if (syncStatus) where.push("vs.organization_id = $1", syncStatus);
  if (filter.status?.length) where.push(`p.status = any(${param(filter.status)}::text[])`);
  if (filter.brands?.length) where.push(`p.brand = any(${param(filter.brands)}::text[])`);
  if (filter.tags?.length) where.push(`p.tags && ${param(filter.tags)}::text[]`);
  if (filter.categoryIds?.length) {
    // A category includes its descendants (paths below it).
    where.push(`exists (select 1 from category sel where sel.organization_id = $1 and sel.id = any(${param(filter.categoryIds)}::uuid[])
      and (c.id = sel.id or starts_with(c.path, sel.path || ' / ')))`);
  }
  if (filter.price?.min !== undefined) where.push(`v.price >= ${param(filter.price.min)}`);
  if (filter.price?.max !== undefined) where.push(`v.price <= ${param(filter.price.max)}`);
  if (filter.stockOnHand?.min !== undefined) where.push(`coalesce(s.on_hand, 0) >= ${param(filter.stockOnHand.min)}`);
  if (filter.stockOnHand?.max !== undefined) where.push(`coalesce(s.on_hand, 0) <= ${param(filter.stockOnHand.max)}`);
  if (filter.title?.trim())
    where.push(`catalog_search_text(p.title) like ${param(likeContains(searchText(filter.title.trim())))}`);
  // lower(sku) like …: the form the trigram index (on lower(sku)) answers; ILIKE would not use it.
  if (filter.sku?.trim()) where.push(`lower(v.sku) like ${param(likeContains(filter.sku.trim().toLowerCase()))}`);

  let hit: string | null = null;
  let hitIds: string | null = null;
  const words = search ? searchWords(search) : [];
  if (search && words.length) {
    const titleText = "catalog_search_text(sp.title)";
    const vector = "catalog_search_vector(sp.title, sp.brand, sp.tags)";
    // Every word must match somewhere (title with typos, brand with typos, title/brand/tags by
    // prefix, or inside the SKU); each word's title similarity adds to the rank.
    const wordTerms = words.map((word) => {
      const normalised = param(searchText(word));
      const raw = param(word);
      const tsQuery = prefixTsQuery(word);
      const fullText = tsQuery ? `${vector} @@ to_tsquery('simple', ${param(tsQuery)})` : "false";
      const product = `${normalised} <% ${titleText} or ${raw} <% sp.brand or ${fullText}`;
      const sku = `lower(sv.sku) like ${param(likeContains(word))}`;
      return { product, sku, match: `(${product} or ${sku})`, rank: `word_similarity(${normalised}, ${titleText})` };
    });
    const whole = param(search.toLowerCase());
    const wholeText = param(searchText(search.toLowerCase()));
    // Candidates come through the indexes of the longest word's ways of matching (every match
    // also matches that word), then every word is checked on them.
    const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
    const key = wordTerms[words.indexOf(longest)]!;
    const candidates = `select sv.id from variant sv where sv.product_id in (
          select sp.id from product sp where sp.organization_id = $1 and (${key.product})
        )
        union
        select sv.id from variant sv where sv.organization_id = $1 and ${key.sku}`;
    const matching = `from variant sv join product sp on sp.id = sv.product_id and sp.organization_id = sv.organization_id
        where sv.id in (${candidates})
          and ${wordTerms.map((term) => term.match).join("\n          and ")}`;
    // Exact SKU first, then exact title, then the closest.
    hit = `select sv.id, (case when lower(sv.sku) = ${whole} then 100 else 0 end)
             + (case when ${titleText} = ${wholeText} then 50 else 0 end)
             + ${wordTerms.map((term) => term.rank).join(" + ")} as rank,
             sp.title, sv.product_id, sv.position
        ${matching}`;
    hitIds = `select sv.id ${matching}`;
  }

  const order = (query.sort ?? []).map(
    ({ field, direction }) => `${sortExpressions[field]} ${direction === "desc" ? "desc" : "asc"}`,
  );
  if (order.length === 0 && hit)
    order.push("hit.rank desc", "hit.title asc", "hit.product_id asc", "hit.position asc", "hit.id asc");
  else {
    if (order.length === 0) order.push("p.title asc");
    order.push("v.product_id asc", "v.position asc", "v.id asc");
  }

  const conditions = where.length ? where.join("\n    and ") : "true";
  const syncOnly = !search && syncStatus !== null && !/\bv\.|\bp\.|\bc\.|\bs\./.test(where.slice(1).join(" "));
  const countConditions = syncOnly ? where.slice(1).join("\n    and ") : conditions;
  const orderBy = order.join(", ");
  // The block's ids are picked with their sort keys, which the outer query orders by again.
  const keys = order.map((term, index) => ({ expression: term.replace(/ (asc|desc)$/, ""), name: `o${index}`, term }));
  const countParams = [...params];
  const limit = param(query.endRow - query.startRow);
  const offset = param(query.startRow);
  const id = hit ? "hit.id" : "v.id";
  // Filtered by sync status alone, in the default order: the block comes off variant_sync's index
  // (its sort keys sit beside the status), never from a walk of every variant in title order.
  const requested = requestedSyncStatuses(filter.syncStatus ?? []);
  const sorts = query.sort ?? [];
  const defaultOrder =
    sorts.length === 0 || (sorts.length === 1 && sorts[0]!.field === "title" && sorts[0]!.direction === "asc");
  const page =
    syncOnly && requested && defaultOrder
      ? `select id, o0, o1, o2, o3 from (\n    ${variantSyncOrderedIds(requested, "$1", param(query.endRow))}) vs\n    order by o0, o1, o2, o3\n    limit ${limit} offset ${offset}`
      : `select ${id} as id, ${keys.map((k) => `${k.expression} as ${k.name}`).join(", ")}${hit ? ", count(*) over ()::int as total" : ""}\n    from ${joinsFor(`${conditions}\n${orderBy}`, hit)}\n    where ${conditions}\n    order by ${orderBy}\n    limit ${limit} offset ${offset}`;
  return {
    rows: `select ${select}${hit ? `, page.total as "matchTotal"` : ""}\n  from ${from}\n  join (\n    ${page}) page on page.id = v.id\n  order by ${keys.map((k) => `page.${k.name}${k.term.slice(k.expression.length)}`).join(", ")}`,
    count: `select count(*)::int as total\n  from ${joinsFor(countConditions, hitIds)}\n  where ${countConditions}`,
    cappedCount: `select count(*)::int as total from (\n  select 1\n  from ${joinsFor(countConditions, hitIds)}\n  where ${countConditions}\n  limit ${LIST_COUNT_CAP + 1}) capped`,
    all: `select ${select}\n  from ${from}${hit ? `\n  join (${hit}) hit on hit.id = v.id` : ""}${syncStatus ? "\n  join variant_sync vs on vs.variant_id = v.id" : ""}\n  where ${conditions}\n  order by ${orderBy}`,
    rowsCarryTotal: hit !== null,
    params,
    countParams,
  };
}
