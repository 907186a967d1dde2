import { alertGroupPatterns, DomainError, type AlertGroup } from "@syncstore/domain";
import { sqlRows } from "@syncstore/db";
import { withChange } from "../../core/change";
import type { OrgScope } from "../scope";

export type AlertSeverity = "info" | "warning" | "critical";
export type AlertStatus = "open" | "acknowledged" | "resolved";

export interface AlertItem {
  id: string;
  kind: string;
  severity: AlertSeverity;
  status: AlertStatus;
  title: string;
  detail: string | null;
  subject: Record<string, unknown>;
  count: number;
  createdAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
  /** The signed-in member has seen it since it last happened. */
  read: boolean;
  /** The product of the variant it is about (stock alerts), for the link. */
  productId: string | null;
  /** The shop it is about (its connection or its order's connection). */
  connectionId: string | null;
  shopName: string | null;
}

export interface AlertQuery {
  state: "active" | AlertStatus | "all";
  severity?: AlertSeverity[] | undefined;
  group?: AlertGroup | undefined;
  kind?: string | undefined;
  connectionId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  unread?: boolean | undefined;
  /** Only these alerts (a link to one alert: `/alerts?alert=<id>`). */
  ids?: string[] | undefined;
  cursor?: string | undefined;
  limit: number;
}

interface AlertRow {
  id: string;
  kind: string;
  severity: AlertSeverity;
  status: AlertStatus;
  title: string;
  detail: string | null;
  subject: Record<string, unknown> | null;
  count: number;
  created_at: Date | string;
  last_seen_at: Date | string;
  resolved_at: Date | string | null;
  read: boolean;
  product_id: string | null;
  connection_id: string | null;
  shop_name: string | null;
  cursor_at: string;
}

const date = (value: Date | string) => (value instanceof Date ? value : new Date(value));

function toItem(row: AlertRow): AlertItem {
  return {
    id: row.id,
    kind: row.kind,
    severity: row.severity,
    status: row.status,
    title: row.title,
    detail: row.detail,
    subject: row.subject ?? {},
    count: row.count,
    createdAt: date(row.created_at),
    lastSeenAt: date(row.last_seen_at),
    resolvedAt: row.resolved_at ? date(row.resolved_at) : null,
    read: row.read,
    productId: row.product_id,
    connectionId: row.connection_id,
    shopName: row.shop_name,
  };
}

/*
 * `$1` is the organization, `$2` the member. The subject's shop is its connection, else the
 * connection of its order; a variant's product comes from the variant (both scoped).
 */
const fromClause = `
  from alert a
  left join variant v on v.organization_id = a.organization_id and v.id::text = a.subject->>'variantId'
  left join channel_order o on o.organization_id = a.organization_id and o.id::text = a.subject->>'orderId'
  left join channel_connection c on c.organization_id = a.organization_id
        and c.id::text = coalesce(a.subject->>'connectionId', o.connection_id::text)
  left join alert_read r on r.alert_id = a.id and r.user_id = $2`;

const columns = `a.id::text as id, a.kind, a.severity, a.status, a.title, a.detail, a.subject, a.count,
  a.created_at, a.last_seen_at, a.resolved_at, (r.read_at is not null and r.read_at >= a.last_seen_at) as read,
  v.product_id::text as product_id, c.id::text as connection_id, c.name as shop_name,
  a.last_seen_at::text as cursor_at`;

/** A page cursor: the last row's exact `last_seen_at` (PostgreSQL text, microseconds) and id. */
function parseCursor(cursor: string): [string, string] {
  const [at, id] = cursor.split("|");
  const timestamp = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!at || !id || !timestamp.test(at) || !uuid.test(id)) {
    throw DomainError.invalidFields([
      { path: ["cursor"], message: "This page link is no longer valid; reload the list" },
    ]);
  }
  return [at, id];
}

/** Alerts of the organization, most recently seen first, with filters and keyset pages. */
export async function listAlerts(
  scope: OrgScope,
  query: AlertQuery,
): Promise<{ items: AlertItem[]; nextCursor: string | null }> {
  const params: unknown[] = [scope.actor.organizationId, scope.actor.userId];
  const where = ["a.organization_id = $1"];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.state === "active") where.push(`a.status <> 'resolved'`);
  else if (query.state !== "all") where.push(`a.status = ${add(query.state)}`);
  if (query.severity?.length) where.push(`a.severity::text = any(${add(query.severity)}::text[])`);
  if (query.group) where.push(`a.kind like any(${add(alertGroupPatterns(query.group))}::text[])`);
  if (query.kind) where.push(`a.kind = ${add(query.kind)}`);
  if (query.connectionId) where.push(`c.id = ${add(query.connectionId)}::uuid`);
  if (query.from) where.push(`a.last_seen_at >= ${add(query.from)}`);
  if (query.to) where.push(`a.last_seen_at < ${add(query.to)}`);
  if (query.ids) where.push(`a.id = any(${add(query.ids)}::uuid[])`);
  if (query.unread) where.push(`(r.read_at is null or r.read_at < a.last_seen_at)`);
  if (query.cursor) {
    const [at, id] = parseCursor(query.cursor);
    where.push(`(a.last_seen_at, a.id) < (${add(at)}::timestamptz, ${add(id)}::uuid)`);
  }
  const rows = await sqlRows<AlertRow>(
    scope.em,
    `select ${columns} ${fromClause} where ${where.join(" and ")}
      order by a.last_seen_at desc, a.id desc limit ${add(query.limit + 1)}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor: rows.length > query.limit && last ? `${last.cursor_at}|${last.id}` : null,
  };
}

/** Active alerts the member has not seen since they last happened (the bell's number). */
export async function countUnread(scope: OrgScope): Promise<{ count: number; critical: number }> {
  const [row] = await sqlRows<{ count: number; critical: number }>(
    scope.em,
    `select count(*)::int as count, count(*) filter (where a.severity = 'critical')::int as critical
       from alert a left join alert_read r on r.alert_id = a.id and r.user_id = $2
      where a.organization_id = $1 and a.status <> 'resolved' and (r.read_at is null or r.read_at < a.last_seen_at)`,
    [scope.actor.organizationId, scope.actor.userId],
  );
  return row ?? { count: 0, critical: 0 };
}

/** Marks every active alert (or the given ones) as seen by the member now. Not audited: it is personal. */
export async function markRead(scope: OrgScope, ids?: readonly string[]): Promise<{ marked: number }> {
  const rows = await sqlRows<{ id: string }>(
    scope.em,
    `insert into alert_read (id, organization_id, alert_id, user_id, read_at)
     select gen_random_uuid(), a.organization_id, a.id, $2, now() from alert a
      where a.organization_id = $1 and a.status <> 'resolved' and ($3::uuid[] is null or a.id = any($3::uuid[]))
     on conflict (alert_id, user_id) do update set read_at = now()
     returning alert_id::text as id`,
    [scope.actor.organizationId, scope.actor.userId, ids ?? null],
  );
  return { marked: rows.length };
}

/**
 * Acknowledge ("someone is on it") or resolve alerts, one or many, in one transaction; each change
 * is audited. Every id must be an alert of this organization; resolved ones cannot change. The
 * acting member has seen them (read).
 */
export async function setAlertStatus(
  scope: OrgScope,
  ids: readonly string[],
  status: "acknowledged" | "resolved",
): Promise<{ updated: number }> {
  const unique = [...new Set(ids)];
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const before = await sqlRows<{ id: string; status: AlertStatus; title: string }>(
      change.tx,
      `select id::text as id, status, title from alert where organization_id = $1 and id = any($2::uuid[]) for update`,
      [scope.actor.organizationId, unique],
    );
    if (before.length !== unique.length) {
      throw new DomainError(
        "NOT_FOUND",
        unique.length === 1
          ? "This alert does not exist in this organization"
          : `${unique.length - before.length} of these alerts do not exist in this organization`,
      );
    }
    const resolved = before.filter((row) => row.status === "resolved");
    if (resolved.length > 0) {
      throw new DomainError(
        "CONFLICT",
        unique.length === 1
          ? "This alert is already resolved"
          : `${resolved.length} of these alerts are already resolved; reload the list`,
      );
    }
    const changing = before.filter((row) => row.status !== status);
    if (changing.length > 0) {
      await sqlRows(
        change.tx,
        `update alert set status = $2, resolved_at = case when $2 = 'resolved' then now() else null end
          where organization_id = $3 and id = any($1::uuid[])`,
        [changing.map((row) => row.id), status, scope.actor.organizationId],
      );
      for (const row of changing) {
        change.audit({
          action: `alert.${status === "resolved" ? "resolve" : "acknowledge"}`,
          entity: "alert",
          entityId: row.id,
          label: row.title,
          before: { status: row.status },
          after: { status },
        });
      }
      change.emit("alert.updated", { ids: changing.map((row) => row.id), status });
    }
    await sqlRows(
      change.tx,
      `insert into alert_read (id, organization_id, alert_id, user_id, read_at)
       select gen_random_uuid(), $1, unnest($2::uuid[]), $3, now()
       on conflict (alert_id, user_id) do update set read_at = now()`,
      [scope.actor.organizationId, unique, scope.actor.userId],
    );
    return { updated: changing.length };
  });
}

/** What the filters offer: the kinds present in the organization's alerts and the shops they concern. */
export async function alertFacets(
  scope: OrgScope,
): Promise<{ kinds: string[]; shops: { id: string; name: string; platform: string }[] }> {
  const kinds = await sqlRows<{ kind: string }>(
    scope.em,
    `select distinct kind from alert where organization_id = $1 order by kind`,
    [scope.actor.organizationId],
  );
  const shops = await sqlRows<{ id: string; name: string; platform: string }>(
    scope.em,
    `select id::text as id, name, platform::text as platform from channel_connection
      where organization_id = $1 order by name`,
    [scope.actor.organizationId],
  );
  return { kinds: kinds.map((row) => row.kind), shops };
}
