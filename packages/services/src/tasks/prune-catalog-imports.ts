import type { EntityManager, QueryResult } from "@syncstore/db";
import type { TaskContext } from "../context";

/** Uploads never applied are kept this long for their dry run and apply, then removed. */
export const ABANDONED_IMPORT_HOURS = 24;

/**
 * Removes staged CSV uploads (and their rows, by cascade) that were never applied within
 * `ABANDONED_IMPORT_HOURS`, and those whose operation has ended (cancelled or failed before its
 * last batch removed them). Returns how many uploads it removed.
 */
export async function pruneCatalogImportRecords(em: EntityManager): Promise<number> {
  const result = await em.execute<QueryResult>(
    `delete from catalog_import i
      where (i.operation_id is null and i.created_at < now() - make_interval(hours => ?))
         or exists (select 1 from bulk_operation b
                     where b.id = i.operation_id and b.status not in ('queued', 'running'))`,
    [ABANDONED_IMPORT_HOURS],
    "run",
  );
  return result.affectedRows;
}

/** Hourly housekeeping of the catalog import staging tables. Idempotent by construction. */
export async function pruneCatalogImports(_payload: unknown, ctx: TaskContext): Promise<void> {
  const removed = await pruneCatalogImportRecords(ctx.orm.em.fork());
  ctx.log.info({ removed }, "pruned catalog imports");
}
