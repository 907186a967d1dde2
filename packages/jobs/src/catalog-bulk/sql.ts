import type { EntityManager } from "@syncstore/db";
import { CompiledQuery } from "kysely";

/** Parameterised SQL ($1, $2…) on the EntityManager's connection (its transaction when it has one). */
export async function sqlRows<T>(em: EntityManager, text: string, params: readonly unknown[] = []): Promise<T[]> {
  const result = await em.getKysely().executeQuery<T>(CompiledQuery.raw(text, [...params]));
  return result.rows;
}
