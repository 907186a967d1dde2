import { DomainError } from "@syncstore/domain";
import { AuditLog, User, type EntityManager } from "@syncstore/db";
import { organizationOf } from "./sql";

export interface AuditItem {
  id: string;
  at: Date;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  entity: string;
  entityId: string | null;
  diff: Record<string, { before: unknown; after: unknown }>;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditQuery {
  actorId?: string;
  action?: string;
  entity?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

/** Cursor = the (time, id) of the last row seen; stable under concurrent inserts. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const at = new Date(iso ?? "");
  if (!id || Number.isNaN(at.getTime()))
    throw new DomainError("INVALID", "The page cursor is malformed; reload the list");
  return { at, id };
}

async function toItems(em: EntityManager, rows: AuditLog[]): Promise<AuditItem[]> {
  const actorIds = [...new Set(rows.map((row) => row.actorId).filter((id): id is string => Boolean(id)))];
  const users = actorIds.length ? await em.find(User, { id: { $in: actorIds } }) : [];
  const byId = new Map(users.map((user) => [user.id, user]));
  return rows.map((row) => {
    const user = row.actorId ? byId.get(row.actorId) : undefined;
    return {
      id: row.id,
      at: row.createdAt,
      actor: user ? { id: user.id, name: user.name, email: user.email } : null,
      action: row.action,
      entity: row.entity,
      entityId: row.entityId ?? null,
      diff: row.diff ?? {},
      ip: row.ip ?? null,
      userAgent: row.userAgent ?? null,
    };
  });
}

export async function listAudit(
  em: EntityManager,
  query: AuditQuery,
): Promise<{ items: AuditItem[]; nextCursor: string | null }> {
  const where: Record<string, unknown> = {};
  if (query.actorId) where.actorId = query.actorId;
  if (query.action) where.action = query.action;
  if (query.entity) where.entity = query.entity;
  const createdAt: Record<string, Date> = {};
  if (query.from) createdAt.$gte = query.from;
  if (query.to) createdAt.$lt = query.to;
  if (Object.keys(createdAt).length) where.createdAt = createdAt;
  const conditions: Record<string, unknown>[] = [where];
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    conditions.push({ $or: [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: id } }] });
  }
  const rows = await em.find(
    AuditLog,
    { $and: conditions },
    { orderBy: { createdAt: "desc", id: "desc" }, limit: query.limit + 1 },
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await toItems(em, page),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

export async function auditFacets(em: EntityManager) {
  const [actions, entities, actors] = await Promise.all([
    em
      .getConnection()
      .execute<{ action: string }[]>(
        `select distinct action from audit_log where organization_id = ? order by action`,
        [organizationOf(em)],
      ),
    em
      .getConnection()
      .execute<{ entity: string }[]>(
        `select distinct entity from audit_log where organization_id = ? order by entity`,
        [organizationOf(em)],
      ),
    em
      .getConnection()
      .execute<{ id: string; name: string }[]>(
        `select distinct u.id, u.name from audit_log a join "user" u on u.id = a.actor_id where a.organization_id = ? order by u.name`,
        [organizationOf(em)],
      ),
  ]);
  return { actions: actions.map((r) => r.action), entities: entities.map((r) => r.entity), actors };
}

export async function recentAudit(em: EntityManager, limit: number): Promise<AuditItem[]> {
  const rows = await em.find(AuditLog, {}, { orderBy: { createdAt: "desc", id: "desc" }, limit });
  return toItems(em, rows);
}
