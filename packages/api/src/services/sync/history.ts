import type { EntityManager, SyncOutcome } from "@syncstore/db";
import { decodeCursor, encodeCursor } from "../audit";
import { organizationOf, sqlRows } from "../sql";
import { attemptColumns, attemptFrom, toAttempt, type RawAttempt, type SyncAttempt } from "./attempts";

export interface SyncHistoryQuery {
  connectionId?: string;
  productId?: string;
  listingId?: string;
  outcomes?: SyncOutcome[];
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

/**
 * The organization's sync log, newest first, with keyset pagination on (time, id): a page
 * boundary never shifts when new attempts arrive while someone is reading.
 */
export async function syncHistory(
  em: EntityManager,
  query: SyncHistoryQuery,
): Promise<{ items: SyncAttempt[]; nextCursor: string | null }> {
  const params: unknown[] = [organizationOf(em)];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = ["s.organization_id = $1"];
  if (query.connectionId) where.push(`s.connection_id = ${param(query.connectionId)}::uuid`);
  if (query.listingId) where.push(`s.listing_id = ${param(query.listingId)}::uuid`);
  if (query.productId) {
    where.push(`s.listing_id in (
      select pl.id from listing pl left join variant pv on pv.id = pl.variant_id
       where pl.organization_id = $1 and (pl.product_id = ${param(query.productId)}::uuid or pv.product_id = $${params.length}::uuid))`);
  }
  if (query.outcomes?.length) where.push(`s.outcome = any(${param(query.outcomes)}::text[])`);
  if (query.from) where.push(`s.created_at >= ${param(query.from)}`);
  if (query.to) where.push(`s.created_at < ${param(query.to)}`);
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    where.push(`(s.created_at, s.id) < (${param(at)}, ${param(id)}::uuid)`);
  }
  const rows = await sqlRows<RawAttempt>(
    em,
    `select ${attemptColumns} from ${attemptFrom}
      where ${where.join(" and ")}
      order by s.created_at desc, s.id desc
      limit ${param(query.limit + 1)}`,
    params,
  );
  const items = rows.slice(0, query.limit).map(toAttempt);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.at, last.id) : null };
}
