import { catalogSortFields, type CatalogSortField, type VariantSyncStatus } from "@syncstore/domain";
import { variantSyncFilter } from "../sync/variant-status";
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
  const joins = hit ? [`(${hit}) hit`] : ["variant v"];
  if (hit && needsVariant) joins.push("join variant v on v.id = hit.id");
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
 * Quick search combines full-text (prefix) matching on title, brand and tags, trigram word
 * similarity on the normalised title and the brand (typos), and SKU substrings. Each way of
 * matching is its own branch through its own index (trigram and full-text GIN on product, trigram
 * GIN on the SKU) and computes its rank term only for what it matched, once per product rather
 * than per variant. The variants of matching products (product_id index) plus the SKU matches,
 * with their rank and sort keys, are the `hit` table the block and the count start from, so
 * neither scans every variant nor joins one when no filter needs it. Matches rank by text rank
 * plus similarity (plus 2 for an exact SKU, 1 for a SKU substring) unless the user sorts.
 */
export function buildListQuery(organizationId: string, query: ListQuery, select: string, from: string): BuiltQuery {
  const params: unknown[] = [organizationId];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const search = query.search?.trim();
  // Search matches are already the organization's: the hit table carries the scope.
  const where = search ? [] : ["v.organization_id = $1"];
  const filter = query.filter ?? {};
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
  if (filter.syncStatus?.length) where.push(variantSyncFilter("$1", filter.syncStatus));

  let hit: string | null = null;
  let hitIds: string | null = null;
  if (search) {
    const normalised = param(searchText(search));
    const raw = param(search);
    const sku = param(likeContains(search.toLowerCase()));
    const tsQuery = prefixTsQuery(search);
    const fullText = tsQuery ? `to_tsquery('simple', ${param(tsQuery)})` : null;
    const vector = "catalog_search_vector(sp.title, sp.brand, sp.tags)";
    const productBranches: { match: string; rank: string }[] = [
      {
        match: `${normalised} <% catalog_search_text(sp.title)`,
        rank: `word_similarity(${normalised}, catalog_search_text(sp.title))`,
      },
      { match: `${raw} <% sp.brand`, rank: `word_similarity(${raw}, sp.brand)` },
      ...(fullText ? [{ match: `${vector} @@ ${fullText}`, rank: `ts_rank(${vector}, ${fullText}) * 2` }] : []),
    ];
    const branch = (b: { match: string; rank: string }, ranked: boolean) =>
      `select sp.id${ranked ? `, sp.title, ${b.rank} as rank` : ""} from product sp where sp.organization_id = $1 and ${b.match}`;
    hit = `select m.id, sum(m.rank) as rank, min(m.title) as title, min(m.product_id::text)::uuid as product_id,
           min(m.position) as position
      from (
        select sv.id, pm.rank, pm.title, sv.product_id, sv.position from (
          select pr.id, pr.title, sum(pr.rank) as rank from (
            ${productBranches.map((b) => branch(b, true)).join("\n            union all\n            ")}
          ) pr group by pr.id, pr.title
        ) pm join variant sv on sv.product_id = pm.id
        union all
        select sv.id, case when lower(sv.sku) = lower(${raw}) then 2 else 1 end, sp.title, sv.product_id, sv.position
          from variant sv join product sp on sp.id = sv.product_id
         where sv.organization_id = $1 and lower(sv.sku) like ${sku}
      ) m group by m.id`;
    // The count needs neither rank nor sort keys: the matching ids, de-duplicated.
    hitIds = `select sv.id from variant sv where sv.product_id in (
        ${productBranches.map((b) => branch(b, false)).join("\n        union all\n        ")}
      )
      union
      select sv.id from variant sv where sv.organization_id = $1 and lower(sv.sku) like ${sku}`;
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
  const orderBy = order.join(", ");
  // The block's ids are picked with their sort keys, which the outer query orders by again.
  const keys = order.map((term, index) => ({ expression: term.replace(/ (asc|desc)$/, ""), name: `o${index}`, term }));
  const countParams = [...params];
  const limit = param(query.endRow - query.startRow);
  const offset = param(query.startRow);
  const id = hit ? "hit.id" : "v.id";
  return {
    rows: `select ${select}${hit ? `, page.total as "matchTotal"` : ""}\n  from ${from}\n  join (\n    select ${id} as id, ${keys.map((k) => `${k.expression} as ${k.name}`).join(", ")}${hit ? ", count(*) over ()::int as total" : ""}\n    from ${joinsFor(`${conditions}\n${orderBy}`, hit)}\n    where ${conditions}\n    order by ${orderBy}\n    limit ${limit} offset ${offset}) page on page.id = v.id\n  order by ${keys.map((k) => `page.${k.name}${k.term.slice(k.expression.length)}`).join(", ")}`,
    count: `select count(*)::int as total\n  from ${joinsFor(conditions, hitIds)}\n  where ${conditions}`,
    cappedCount: `select count(*)::int as total from (\n  select 1\n  from ${joinsFor(conditions, hitIds)}\n  where ${conditions}\n  limit ${LIST_COUNT_CAP + 1}) capped`,
    all: `select ${select}\n  from ${from}${hit ? `\n  join (${hit}) hit on hit.id = v.id` : ""}\n  where ${conditions}\n  order by ${orderBy}`,
    rowsCarryTotal: hit !== null,
    params,
    countParams,
  };
}
