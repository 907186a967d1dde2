import type { EntityManager } from "@syncstore/db";
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

/** The organization an EntityManager is scoped to; raw SQL must name it explicitly. */
export function organizationOf(em: EntityManager): string {
  const id = em.getFilterParams<{ organizationId?: string }>("tenant")?.organizationId;
  if (!id) throw new Error("EntityManager has no active organization");
  return id;
}

/** Escapes LIKE wildcards so user text matches literally (backslash is the default escape). */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
