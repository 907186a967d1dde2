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
  const block = async (tx: EntityManager) => {
    const raw = await sqlRows<RawVariantRow & { matchTotal?: number }>(tx, built.rows, built.params);
    const rows = raw.map(({ matchTotal: _matchTotal, ...row }) => toVariantRow(row));
    // The block tells the total when it is the last one (or a search counted it); otherwise count.
    const counted = built.rowsCarryTotal ? raw[0]?.matchTotal : undefined;
    let total =
      counted ??
      (rows.length < query.endRow - query.startRow && (rows.length > 0 || query.startRow === 0)
        ? query.startRow + rows.length
        : undefined);
    let totalExact = true;
    if (total === undefined) {
      const capped = (await sqlRows<{ total: number }>(tx, built.cappedCount, built.countParams))[0]?.total ?? 0;
      totalExact = capped <= LIST_COUNT_CAP;
      // Past the cap, at least the rows up to this block exist.
      total = totalExact ? capped : Math.max(LIST_COUNT_CAP, query.startRow + rows.length);
    }
    return { rows, total, totalExact, currency: await organizationCurrency(tx, organizationId) };
  };
  if (!query.search?.trim()) return block(em);
  // A search pins one connection in a read-only transaction so the similarity threshold applies to
  // both queries. Without one, the statements need no shared snapshot (the count is already capped),
  // and skipping begin and commit spares two round trips on the grid's hottest call.
  return em.transactional(async (tx) => {
    await sqlRows(tx, `select set_config('pg_trgm.word_similarity_threshold', $1, true)`, [String(SEARCH_SIMILARITY)]);
    return block(tx);
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
