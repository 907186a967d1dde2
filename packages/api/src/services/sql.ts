import type { EntityManager } from "@syncstore/db";
import { DomainError } from "@syncstore/domain";

export { sqlRows } from "@syncstore/db";

/** The organization an EntityManager is scoped to; raw SQL must name it explicitly. */
export function organizationOf(em: EntityManager): string {
  const id = em.getFilterParams<{ organizationId?: string }>("tenant")?.organizationId;
  if (!id) throw new DomainError("NO_ACTIVE_ORGANIZATION", "No active organization: choose one first");
  return id;
}

/** Escapes LIKE wildcards so user text matches literally (backslash is the default escape). */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
