import { formatMinor, parseMinor, variantSyncStatuses, type VariantSyncStatus } from "@syncstore/domain";
import { z } from "zod";
import { productStatuses, sortFields, type ProductStatus, type SortItem } from "./catalog-types";

const text = z.string().trim().min(1).max(200);
const amount = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,3})?$/);
const count = z.coerce.number().int().min(0).max(1_000_000_000);
const id = z
  .string()
  .trim()
  .regex(/^[\w-]{1,64}$/);
const sortItem = z
  .string()
  .regex(/^\w+:(asc|desc)$/)
  .transform((value) => {
    const [field, direction] = value.split(":") as [string, "asc" | "desc"];
    return { field, direction };
  })
  .pipe(z.object({ field: z.enum(sortFields), direction: z.enum(["asc", "desc"]) }));

/** Drops the bad entries of a list instead of the whole list. */
function listOf<T extends z.ZodType>(item: T) {
  return z
    .array(z.string())
    .transform((values) =>
      values.flatMap((value) => {
        const parsed = item.safeParse(value);
        return parsed.success ? [parsed.data as z.output<T>] : [];
      }),
    )
    .transform((values) => [...new Set(values)].slice(0, 50));
}

/** The grid's search, filters and sort as they live in the URL; each value is checked alone. */
export const gridQuerySchema = z.object({
  q: text.optional().catch(undefined),
  title: text.optional().catch(undefined),
  sku: text.optional().catch(undefined),
  status: listOf(z.enum(productStatuses)).catch([]),
  category: listOf(id).catch([]),
  brand: listOf(text).catch([]),
  tag: listOf(text).catch([]),
  sync: listOf(z.enum(variantSyncStatuses)).catch([]),
  priceMin: amount.optional().catch(undefined),
  priceMax: amount.optional().catch(undefined),
  stockMin: count.optional().catch(undefined),
  stockMax: count.optional().catch(undefined),
  sort: listOf(sortItem).catch([]),
});

export type GridQuery = z.infer<typeof gridQuerySchema>;
export type GridFilterKey = Exclude<keyof GridQuery, "sort">;

const listKeys = ["status", "category", "brand", "tag", "sync", "sort"] as const;
const scalarKeys = ["q", "title", "sku", "priceMin", "priceMax", "stockMin", "stockMax"] as const;

export function parseGridQuery(params: URLSearchParams): GridQuery {
  const raw: Record<string, unknown> = {};
  for (const key of scalarKeys) raw[key] = params.get(key) ?? undefined;
  for (const key of listKeys) raw[key] = params.getAll(key);
  const query = gridQuerySchema.parse(raw);
  // A reversed range is a slip, not a request for nothing.
  if (query.stockMin !== undefined && query.stockMax !== undefined && query.stockMin > query.stockMax) {
    return { ...query, stockMin: query.stockMax, stockMax: query.stockMin };
  }
  return query;
}

export function gridQueryToSearch(query: GridQuery): string {
  const params = new URLSearchParams();
  for (const key of scalarKeys) {
    const value = query[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  for (const value of query.status) params.append("status", value);
  for (const value of query.category) params.append("category", value);
  for (const value of query.brand) params.append("brand", value);
  for (const value of query.tag) params.append("tag", value);
  for (const value of query.sync) params.append("sync", value);
  for (const item of query.sort) params.append("sort", `${item.field}:${item.direction}`);
  const search = params.toString();
  return search ? `?${search}` : "";
}

export function emptyGridQuery(): GridQuery {
  return { status: [], category: [], brand: [], tag: [], sync: [], sort: [] };
}

export function activeFilterCount(query: GridQuery): number {
  const lists = query.status.length + query.category.length + query.brand.length + query.tag.length + query.sync.length;
  const scalars = [
    query.q,
    query.title,
    query.sku,
    query.priceMin,
    query.priceMax,
    query.stockMin,
    query.stockMax,
  ].filter((value) => value !== undefined).length;
  return lists + scalars;
}

function range(min: number | null | undefined, max: number | null | undefined) {
  if ((min === null || min === undefined) && (max === null || max === undefined)) return undefined;
  return { min: min ?? undefined, max: max ?? undefined };
}

export type ListVariantsFilter = {
  status?: ProductStatus[];
  categoryIds?: string[];
  brands?: string[];
  tags?: string[];
  price?: { min?: number; max?: number };
  stockOnHand?: { min?: number; max?: number };
  title?: string;
  sku?: string;
  syncStatus?: VariantSyncStatus[];
};

/** The `catalog.listVariants` filter and search for the URL state; amounts become minor units. */
export function toListVariantsQuery(
  query: GridQuery,
  currency: string,
): { filter: ListVariantsFilter; search?: string; sort: SortItem[] } {
  const filter: ListVariantsFilter = {
    status: query.status.length ? query.status : undefined,
    categoryIds: query.category.length ? query.category : undefined,
    brands: query.brand.length ? query.brand : undefined,
    tags: query.tag.length ? query.tag : undefined,
    syncStatus: query.sync.length ? query.sync : undefined,
    price: range(
      query.priceMin ? parseMinor(query.priceMin, currency) : undefined,
      query.priceMax ? parseMinor(query.priceMax, currency) : undefined,
    ),
    stockOnHand: range(query.stockMin, query.stockMax),
    title: query.title,
    sku: query.sku,
  };
  return { filter, search: query.q, sort: query.sort };
}

/** A saved filter (minor units, as `catalog.views` and `catalog.gridState` store it) → URL state. */
export function fromListVariantsFilter(filter: ListVariantsFilter, sort: SortItem[], currency: string): GridQuery {
  const major = (minor: number | undefined) => (minor === undefined ? undefined : formatMinor(minor, currency));
  return {
    title: filter.title || undefined,
    sku: filter.sku || undefined,
    status: filter.status ?? [],
    category: filter.categoryIds ?? [],
    brand: filter.brands ?? [],
    tag: filter.tags ?? [],
    sync: filter.syncStatus ?? [],
    priceMin: major(filter.price?.min),
    priceMax: major(filter.price?.max),
    stockMin: filter.stockOnHand?.min,
    stockMax: filter.stockOnHand?.max,
    sort,
  };
}

/** The filter part as stored: undefined keys dropped, so equal filters compare equal. */
export function compactFilter(filter: ListVariantsFilter): ListVariantsFilter {
  return JSON.parse(JSON.stringify(filter)) as ListVariantsFilter;
}
