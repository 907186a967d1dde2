import type { EntityManager } from "@mikro-orm/postgresql";
import { CompiledQuery } from "kysely";

/**
 * Runs parameterised SQL ($1, $2…) on the EntityManager's connection, inside its transaction when
 * it has one. Parameters go to the driver as values (arrays as PostgreSQL arrays, JSON as text),
 * never spliced into the SQL text, which MikroORM's `execute` does with `?` placeholders.
 */
export async function sqlRows<T>(em: EntityManager, text: string, params: readonly unknown[] = []): Promise<T[]> {
  const result = await em.getKysely().executeQuery<T>(CompiledQuery.raw(text, [...params]));
  return result.rows;
}

/**
 * Reads a query's rows in chunks through a server-side cursor in a read-only transaction of its
 * own, so memory stays flat at any size (exports and reports). The next chunk is fetched while the
 * consumer works on the current one, so PostgreSQL and Node work at once; at most two chunks are
 * held. `prepare` runs in the transaction before the cursor opens (a `set_config`, say). Stopping
 * early (a cancelled download calls `return()`) waits for a fetch under way, then rolls back.
 */
export async function* cursorChunks<T>(
  em: EntityManager,
  text: string,
  params: readonly unknown[],
  options: { chunk: number; prepare?: (connection: EntityManager) => Promise<unknown> },
): AsyncGenerator<T[]> {
  const connection = em.fork();
  await connection.begin({ readOnly: true });
  const fetchChunk = () => sqlRows<T>(connection, `fetch forward ${options.chunk} from chunked_cursor`);
  let next: Promise<T[]> | undefined;
  let finished = false;
  try {
    await options.prepare?.(connection);
    await sqlRows(connection, `declare chunked_cursor no scroll cursor for ${text}`, params);
    next = fetchChunk();
    for (;;) {
      const rows: T[] = await next;
      next = rows.length === options.chunk ? fetchChunk() : undefined;
      if (rows.length > 0) yield rows;
      if (!next) break;
    }
    await connection.commit();
    finished = true;
  } finally {
    if (!finished) {
      await next?.catch(() => undefined);
      await connection.rollback();
    }
  }
}
