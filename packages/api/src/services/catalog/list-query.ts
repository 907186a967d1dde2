import { catalogSortFields, type CatalogSortField } from "@syncstore/domain";
import { likeContains } from "./sql";

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
 */
function joinsFor(sql: string): string {
  const joins = ["variant v"];
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
  params: unknown[];
  /** The parameters of `count` (the same, without limit and offset). */
  countParams: unknown[];
}

/**
 * Builds the grid's list query: one statement for the block (ordered by the requested sort, then
 * by product and the variant's position so a product's variants stay together) and one count.
 * Quick search combines full-text (prefix) matching on title, brand and tags, trigram word
 * similarity on the normalised title and the brand (typos), and SKU substrings; matches rank by
 * text rank plus similarity unless the user sorts explicitly.
 */
export function buildListQuery(organizationId: string, query: ListQuery, select: string, from: string): BuiltQuery {
  const params: unknown[] = [organizationId];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = ["v.organization_id = $1"];
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
  if (filter.sku?.trim()) where.push(`v.sku ilike ${param(likeContains(filter.sku.trim()))}`);

  let rank: string | null = null;
  const search = query.search?.trim();
  if (search) {
    const normalised = param(searchText(search));
    const raw = param(search);
    const sku = param(likeContains(search));
    const tsQuery = prefixTsQuery(search);
    const fullText = tsQuery ? `to_tsquery('simple', ${param(tsQuery)})` : null;
    // Product matches and SKU matches are found through their own indexes (trigram and full-text
    // GIN), then joined: evaluating them row by row over the join would scan every variant.
    const productMatches = [
      `${normalised} <% catalog_search_text(sp.title)`,
      `${raw} <% sp.brand`,
      ...(fullText ? [`catalog_search_vector(sp.title, sp.brand, sp.tags) @@ ${fullText}`] : []),
    ];
    where.push(`(v.product_id in (select sp.id from product sp where sp.organization_id = $1 and (${productMatches.join(" or ")}))
      or v.id in (select sv.id from variant sv where sv.organization_id = $1 and sv.sku ilike ${sku}))`);
    rank = [
      fullText ? `ts_rank(catalog_search_vector(p.title, p.brand, p.tags), ${fullText}) * 2` : null,
      `word_similarity(${normalised}, catalog_search_text(p.title))`,
      `case when v.sku ilike ${raw} then 2 when v.sku ilike ${sku} then 1 else 0 end`,
    ]
      .filter(Boolean)
      .join(" + ");
  }

  const order = (query.sort ?? []).map(
    ({ field, direction }) => `${sortExpressions[field]} ${direction === "desc" ? "desc" : "asc"}`,
  );
  if (order.length === 0) {
    if (rank) order.push(`(${rank}) desc`);
    order.push("p.title asc");
  }
  order.push("v.product_id asc", "v.position asc", "v.id asc");

  const conditions = where.join("\n    and ");
  const orderBy = order.join(", ");
  const countParams = [...params];
  const limit = param(query.endRow - query.startRow);
  const offset = param(query.startRow);
  return {
    rows: `select ${select}\n  from ${from}\n  where v.id in (\n    select v.id from ${joinsFor(`${conditions}\n${orderBy}`)}\n    where ${conditions}\n    order by ${orderBy}\n    limit ${limit} offset ${offset})\n  order by ${orderBy}`,
    count: `select count(*)::int as total\n  from ${joinsFor(conditions)}\n  where ${conditions}`,
    params,
    countParams,
  };
}
