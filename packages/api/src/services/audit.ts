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
  label: string | null;
  href: string | null;
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
  /** Who reads the log: links to what only they can see (their own settings) are kept for them. */
  viewerId?: string | null;
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where each entity of these rows can be seen, for those that still exist (keyed "entity:id").
 * Every entity type the writers record has a page; `viewerId` is the person reading the log, for
 * the entities only their owner sees (their notification choices, their saved views).
 */
async function linksOf(em: EntityManager, rows: AuditLog[], viewerId: string | null): Promise<Map<string, string>> {
  const idsOf = (entity: string, uuid: boolean) =>
    JSON.stringify([
      ...new Set(
        rows
          .filter((row) => row.entity === entity && row.entityId && (!uuid || UUID.test(row.entityId)))
          .map((row) => row.entityId as string),
      ),
    ]);
  const organizationId = organizationOf(em);
  const params: (string | null)[] = [];
  // Each part: the organization, then the ids as a JSON array (bound, never inlined), then the
  // viewer where the part asks for one ($viewer).
  const part = (entity: string, uuid: boolean, sql: string): string | null => {
    const ids = idsOf(entity, uuid);
    if (ids === "[]") return null;
    params.push(organizationId, ids);
    if (sql.includes("$viewer")) params.push(viewerId);
    return sql
      .replace("$ids", `any(array(select jsonb_array_elements_text(?::jsonb))::${uuid ? "uuid" : "text"}[])`)
      .replace("$viewer", "?::text");
  };
  const parts = [
    part(
      "product",
      true,
      `select 'product:' || id::text, '/products/' || id::text
       from product where organization_id = ? and id = $ids`,
    ),
    part(
      "variant",
      true,
      `select 'variant:' || id::text, '/products/' || product_id::text
       from variant where organization_id = ? and id = $ids`,
    ),
    part(
      "listing",
      true,
      `select 'listing:' || id::text,
            case when product_id is not null then '/products/' || product_id::text
                 else '/channels/' || connection_id::text || '/unmatched' end
       from listing where organization_id = ? and id = $ids`,
    ),
    part(
      "channel_connection",
      true,
      `select 'channel_connection:' || id::text, '/channels#shop-' || id::text
       from channel_connection where organization_id = ? and status <> 'disconnected' and id = $ids`,
    ),
    part(
      "member",
      false,
      `select 'member:' || id, '/team#members' from member where organization_id = ? and id = $ids`,
    ),
    // A pending invitation is listed on Team; an accepted one became a member, listed there too.
    part(
      "invitation",
      false,
      `select 'invitation:' || i.id, case when i.status = 'pending' then '/team#invitations' else '/team#members' end
       from invitation i
       where i.organization_id = ? and i.id = $ids
         and (i.status = 'pending' and i.expires_at > now()
              or i.status = 'accepted' and exists (
                select 1 from member m join "user" u on u.id = m.user_id
                 where m.organization_id = i.organization_id and lower(u.email) = lower(i.email)))`,
    ),
    part(
      "user",
      false,
      `select 'user:' || user_id, '/team#members' from member where organization_id = ? and user_id = $ids`,
    ),
    part(
      "organization",
      false,
      `select 'organization:' || id, '/settings/organization'
       from organization where id = ? and id = $ids`,
    ),
    part(
      "exchange_rate",
      true,
      `select 'exchange_rate:' || id::text, '/settings/organization#exchange-rates'
       from exchange_rate where organization_id = ? and id = $ids`,
    ),
    part(
      "notification_preference",
      false,
      `select distinct 'notification_preference:' || user_id, '/settings/notifications'
       from member where organization_id = ? and user_id = $ids and user_id = $viewer`,
    ),
    part(
      "saved_view",
      true,
      `select 'saved_view:' || id::text, '/products'
       from saved_view where organization_id = ? and id = $ids and user_id = $viewer`,
    ),
    part(
      "report_schedule",
      true,
      `select 'report_schedule:' || id::text, '/reports#schedules'
       from report_schedule where organization_id = ? and id = $ids`,
    ),
    part(
      "report_run",
      true,
      `select 'report_run:' || id::text, '/reports#history'
       from report_run where organization_id = ? and id = $ids`,
    ),
    part(
      "bulk_operation",
      true,
      `select 'bulk_operation:' || id::text, case when kind like 'inventory.%' then '/inventory' else '/products' end
       from bulk_operation where organization_id = ? and id = $ids`,
    ),
    part(
      "sync_run",
      true,
      `select 'sync_run:' || id::text, '/sync' from sync_run where organization_id = ? and id = $ids`,
    ),
    part(
      "webhook_event",
      true,
      `select 'webhook_event:' || id::text, '/webhooks' from webhook_event where organization_id = ? and id = $ids`,
    ),
    part("alert", true, `select 'alert:' || id::text, '/alerts' from alert where organization_id = ? and id = $ids`),
    part(
      "channel_order",
      true,
      `select 'channel_order:' || id::text, '/orders/' || id::text
       from channel_order where organization_id = ? and id = $ids`,
    ),
    part(
      "channel_order_line",
      true,
      `select 'channel_order_line:' || id::text, '/orders/' || order_id::text
       from channel_order_line where organization_id = ? and id = $ids`,
    ),
    part(
      "conflict",
      true,
      // chr(63) is "?": a literal one would be read as a parameter placeholder.
      `select 'conflict:' || id::text,
              case when status = 'open' then '/conflicts' || chr(63) || 'open=' || id::text else '/conflicts' end
       from conflict where organization_id = ? and id = $ids`,
    ),
  ];
  const present = parts.filter((sql): sql is string => sql !== null);
  if (present.length === 0) return new Map();
  // The union's columns are named here: its first part varies with the rows, and an unnamed
  // column would come back as "?column?" (the cause of links missing for Team and Settings rows).
  const links = await em
    .getConnection()
    .execute<{ key: string; href: string }[]>(
      `select key, href from (${present.join(" union all ")}) as link(key, href)`,
      params,
    );
  return new Map(links.map((link) => [link.key, link.href]));
}

async function toItems(em: EntityManager, rows: AuditLog[], viewerId: string | null): Promise<AuditItem[]> {
  const actorIds = [...new Set(rows.map((row) => row.actorId).filter((id): id is string => Boolean(id)))];
  const links = rows.length ? await linksOf(em, rows, viewerId) : new Map<string, string>();
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
      label: row.entityLabel ?? null,
      href: (row.entityId ? links.get(`${row.entity}:${row.entityId}`) : undefined) ?? null,
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
    items: await toItems(em, page, query.viewerId ?? null),
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

export async function recentAudit(em: EntityManager, limit: number, viewerId: string | null): Promise<AuditItem[]> {
  const rows = await em.find(AuditLog, {}, { orderBy: { createdAt: "desc", id: "desc" }, limit });
  return toItems(em, rows, viewerId);
}
