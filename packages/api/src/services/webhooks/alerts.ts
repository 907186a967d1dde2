import { DomainError } from "@syncstore/domain";
import { sqlRows } from "@syncstore/db";
import { withChange } from "../../core/change";
import type { OrgScope } from "../scope";

export interface AlertItem {
  id: string;
  kind: string;
  severity: "info" | "warning" | "critical";
  status: "open" | "acknowledged" | "resolved";
  title: string;
  detail: string | null;
  subject: Record<string, unknown>;
  count: number;
  createdAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
}

interface AlertRow {
  id: string;
  kind: string;
  severity: AlertItem["severity"];
  status: AlertItem["status"];
  title: string;
  detail: string | null;
  subject: Record<string, unknown> | null;
  count: number;
  created_at: Date | string;
  last_seen_at: Date | string;
  resolved_at: Date | string | null;
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
  };
}

const columns = `id::text as id, kind, severity, status, title, detail, subject, count, created_at, last_seen_at, resolved_at`;

/** Alerts newest first: the active ones (open and acknowledged), or resolved ones, up to `limit`. */
export async function listAlerts(
  scope: OrgScope,
  query: { state: "active" | "resolved"; limit: number },
): Promise<AlertItem[]> {
  const rows = await sqlRows<AlertRow>(
    scope.em,
    `select ${columns} from alert
      where organization_id = $1 and (case when $2 = 'active' then status <> 'resolved' else status = 'resolved' end)
      order by (status = 'open') desc, last_seen_at desc
      limit $3`,
    [scope.actor.organizationId, query.state, query.limit],
  );
  return rows.map(toItem);
}

/** Acknowledge ("someone is on it") or resolve an alert; audited. A resolved alert cannot change. */
export async function setAlertStatus(
  scope: OrgScope,
  id: string,
  status: "acknowledged" | "resolved",
): Promise<AlertItem> {
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const [before] = await sqlRows<AlertRow>(
      change.tx,
      `select ${columns} from alert where organization_id = $1 and id = $2::uuid for update`,
      [scope.actor.organizationId, id],
    );
    if (!before) throw new DomainError("NOT_FOUND", "This alert does not exist in this organization");
    if (before.status === "resolved") throw new DomainError("CONFLICT", "This alert is already resolved");
    const [after] = await sqlRows<AlertRow>(
      change.tx,
      `update alert set status = $2, resolved_at = case when $2 = 'resolved' then now() else null end
        where id = $1::uuid returning ${columns}`,
      [id, status],
    );
    change.audit({
      action: `alert.${status === "resolved" ? "resolve" : "acknowledge"}`,
      entity: "alert",
      entityId: id,
      before: { status: before.status },
      after: { status },
    });
    return toItem(after ?? before);
  });
}
