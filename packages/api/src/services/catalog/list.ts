import type { EntityManager } from "@syncstore/db";
import { organizationCurrency } from "@syncstore/services";
import { buildListQuery, LIST_COUNT_CAP, SEARCH_SIMILARITY, type ListQuery } from "./list-query";
import { toVariantRow, variantRowColumns, variantRowFrom, type RawVariantRow, type VariantRow } from "./rows";
import { organizationOf, sqlRows } from "../sql";

/**
 * One block of grid rows with the number of rows matching the filters: exact when it is at most
 * `LIST_COUNT_CAP` (or the block is the last one, or a search counted its matches while ranking);
 * otherwise `total` is the cap and `totalExact` false ("more than 10,000"). An exact count of
 * 100,000 rows costs more than the block itself.
 */
export async function listVariants(
  em: EntityManager,
  query: ListQuery,
): Promise<{ rows: VariantRow[]; total: number; totalExact: boolean; currency: string }> {
  const organizationId = organizationOf(em);
  const built = buildListQuery(organizationId, query, variantRowColumns, variantRowFrom);
  const cappedCount = (tx: EntityManager) =>
    sqlRows<{ total: number }>(tx, built.cappedCount, built.countParams).then((rows) => rows[0]?.total ?? 0);
  const block = async (tx: EntityManager, counting?: Promise<number>) => {
    const raw = await sqlRows<RawVariantRow & { matchTotal?: number }>(tx, built.rows, built.params);
    const rows = raw.map(toVariantRow);
    // The block tells the total when it is the last one (or a search counted it); otherwise count.
    const counted = built.rowsCarryTotal ? raw[0]?.matchTotal : undefined;
    let total =
      counted ??
      (rows.length < query.endRow - query.startRow && (rows.length > 0 || query.startRow === 0)
        ? query.startRow + rows.length
        : undefined);
    let totalExact = true;
    if (total === undefined) {
      const capped = await (counting ?? cappedCount(tx));
      totalExact = capped <= LIST_COUNT_CAP;
      // Past the cap, at least the rows up to this block exist.
      total = totalExact ? capped : Math.max(LIST_COUNT_CAP, query.startRow + rows.length);
    }
    return { rows, total, totalExact };
  };
  if (!query.search?.trim()) {
    // Without a search the statements need no shared snapshot (the count is already capped), so
    // none pins a connection: no begin and commit on the grid's hottest call, and the count
    // and the currency run beside the block, each on a pooled connection of its own, instead of
    // after it. A full block (the usual first block) needs the count; a last, short one tells its
    // total itself and the count's answer, or its error, is dropped.
    const counting = cappedCount(em);
    counting.catch(() => {});
    const [found, currency] = await Promise.all([block(em, counting), organizationCurrency(em, organizationId)]);
    return { ...found, currency };
  }
  // A search pins one connection in a read-only transaction so the similarity threshold applies to
  // both queries.
  return em.transactional(async (tx) => {
    await sqlRows(tx, `select set_config('pg_trgm.word_similarity_threshold', $1, true)`, [String(SEARCH_SIMILARITY)]);
    const found = await block(tx);
    return { ...found, currency: await organizationCurrency(tx, organizationId) };
  });
}

export interface CatalogFacets {
  brands: string[];
  categories: { id: string; name: string; path: string }[];
  tags: string[];
  currency: string;
}

export async function catalogFacets(em: EntityManager): Promise<CatalogFacets> {
  const organizationId = organizationOf(em);
  const [brands, categories, tags, currency] = await Promise.all([
    sqlRows<{ brand: string }>(
      em,
      `select distinct brand from product where organization_id = $1 and brand is not null order by brand`,
      [organizationId],
    ),
    sqlRows<{ id: string; name: string; path: string }>(
      em,
      `select id, name, path from category where organization_id = $1 order by path`,
      [organizationId],
    ),
    sqlRows<{ tag: string }>(
      em,
      `select distinct unnest(tags) as tag from product where organization_id = $1 order by tag`,
      [organizationId],
    ),
    organizationCurrency(em, organizationId),
  ]);
  return { brands: brands.map((r) => r.brand), categories, tags: tags.map((r) => r.tag), currency };
}
