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
