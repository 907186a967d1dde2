import { randomUUID } from "node:crypto";
import { can } from "@syncstore/auth/permissions";
import { DomainError } from "@syncstore/domain";
import { sqlRows } from "@syncstore/db";
import { enqueue } from "@syncstore/services";
import {
  estimateReportRows,
  reportById,
  reportDefinitions,
  type ReportDefinition,
  type ReportFilters,
} from "@syncstore/services/reports";
import { withChange } from "../core/change";
import { organizationOf } from "./sql";
import type { OrgScope } from "./scope";

/** Above this estimate a report runs as a job instead of streaming to the browser. */
export const DIRECT_DOWNLOAD_MAX_ROWS = 100_000;

export interface ReportInfo {
  id: string;
  title: string;
  description: string;
  dated: boolean;
  shops: boolean;
}

/** The reports this member may run (the same permission as the page showing the data). */
export function availableReports(scope: Pick<OrgScope, "role">): ReportInfo[] {
  return reportDefinitions
    .filter((report) => can(scope.role, report.permission))
    .map(({ id, title, description, dated, shops }) => ({ id, title, description, dated, shops }));
}

export function allowedReport(scope: Pick<OrgScope, "role">, id: string): ReportDefinition {
  const report = reportById(id);
  if (!report) throw new DomainError("NOT_FOUND", `There is no report "${id}"`);
  if (!can(scope.role, report.permission))
    throw new DomainError(
      "FORBIDDEN",
      `Your role cannot run the ${report.title} report (it needs ${report.permission})`,
    );
  return report;
}

export async function estimateReport(scope: OrgScope, id: string, filters: ReportFilters) {
  const report = allowedReport(scope, id);
  const rows = await estimateReportRows(scope.em, report, organizationOf(scope.em), filters);
  return { rows, direct: rows <= DIRECT_DOWNLOAD_MAX_ROWS };
}

/** Queues a report run as a job (transactional enqueue, audited). */
export async function startReportRun(scope: OrgScope, input: { report: string; filters: ReportFilters; bom: boolean }) {
  const report = allowedReport(scope, input.report);
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const id = randomUUID();
    await sqlRows(
      change.tx,
      `insert into report_run (id, organization_id, report, filters, bom, status, actor_id, created_at)
       values ($1, $2, $3, $4, $5, 'queued', $6, now())`,
      [id, scope.actor.organizationId, report.id, JSON.stringify(input.filters), input.bom, scope.actor.userId],
    );
    await enqueue(change.tx, "run-report", { runId: id }, { maxAttempts: 3 });
    change.audit({
      action: "report.run",
      entity: "report_run",
      entityId: id,
      after: { report: report.id, ...input.filters },
    });
    return { id };
  });
}

export interface ReportRunDto {
  id: string;
  report: string;
  title: string;
  status: string;
  rows: number;
  totalRows: number | null;
  bytes: number;
  scheduleName: string | null;
  sentTo: string[];
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string | null;
  downloadable: boolean;
}

/** Runs of the organization the member may see (reports their role may run), newest first. */
export async function listReportRuns(scope: OrgScope, options: { limit: number }): Promise<ReportRunDto[]> {
  const allowed = availableReports(scope).map((report) => report.id);
  const rows = await sqlRows<{
    id: string;
    report: string;
    status: string;
    rows: number;
    total_rows: number | null;
    bytes: number;
    schedule_name: string | null;
    sent_to: string[];
    error: string | null;
    created_at: Date;
    finished_at: Date | null;
    expires_at: Date | null;
    has_file: boolean;
  }>(
    scope.em,
    `select r.id::text, r.report, r.status, r.rows::float8 as rows, r.total_rows::float8 as total_rows, r.bytes::float8 as bytes,
            s.name as schedule_name, r.sent_to, r.error, r.created_at, r.finished_at, r.expires_at,
            exists (select 1 from report_file_chunk c where c.run_id = r.id) as has_file
       from report_run r left join report_schedule s on s.id = r.schedule_id
      where r.organization_id = $1 and r.report = any($2::text[])
      order by r.created_at desc limit $3`,
    [organizationOf(scope.em), allowed, options.limit],
  );
  return rows.map((row) => ({
    id: row.id,
    report: row.report,
    title: reportById(row.report)?.title ?? row.report,
    status: row.status,
    rows: row.rows,
    totalRows: row.total_rows,
    bytes: row.bytes,
    scheduleName: row.schedule_name,
    sentTo: row.sent_to,
    error: row.error,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    expiresAt: row.expires_at ? new Date(row.expires_at).toISOString() : null,
    downloadable:
      row.status === "succeeded" && row.has_file && (!row.expires_at || new Date(row.expires_at) > new Date()),
  }));
}

export interface ScheduleDto {
  id: string;
  name: string;
  report: string;
  title: string;
  frequency: "daily" | "weekly";
  recipients: { userId: string; name: string }[];
  bom: boolean;
  nextRunAt: string;
  lastRunAt: string | null;
}

export async function listSchedules(scope: OrgScope): Promise<ScheduleDto[]> {
  const allowed = availableReports(scope).map((report) => report.id);
  const rows = await sqlRows<{
    id: string;
    name: string;
    report: string;
    frequency: "daily" | "weekly";
    recipients: string[];
    bom: boolean;
    next_run_at: Date;
    last_run_at: Date | null;
    names: { userId: string; name: string }[] | null;
  }>(
    scope.em,
    `select s.id::text, s.name, s.report, s.frequency, s.recipients, s.bom, s.next_run_at, s.last_run_at,
            (select jsonb_agg(jsonb_build_object('userId', u.id, 'name', u.name)) from "user" u where u.id = any(s.recipients)) as names
       from report_schedule s where s.organization_id = $1 and s.report = any($2::text[]) order by s.created_at`,
    [organizationOf(scope.em), allowed],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    report: row.report,
    title: reportById(row.report)?.title ?? row.report,
    frequency: row.frequency,
    recipients: row.names ?? [],
    bom: row.bom,
    nextRunAt: new Date(row.next_run_at).toISOString(),
    lastRunAt: row.last_run_at ? new Date(row.last_run_at).toISOString() : null,
  }));
}

/** A saved report sent daily or weekly to chosen members of the organization (audited). */
export async function createSchedule(
  scope: OrgScope,
  input: {
    name: string;
    report: string;
    filters: ReportFilters;
    frequency: "daily" | "weekly";
    recipients: string[];
    bom: boolean;
    firstRunAt?: Date;
  },
): Promise<{ id: string }> {
  const report = allowedReport(scope, input.report);
  const members = await sqlRows<{ user_id: string }>(
    scope.em,
    `select user_id from member where organization_id = $1 and user_id = any($2::text[])`,
    [organizationOf(scope.em), input.recipients],
  );
  const unknown = input.recipients.filter((id) => !members.some((m) => m.user_id === id));
  if (unknown.length > 0)
    throw new DomainError("INVALID", "Every recipient must be a member of this organization", {
      fields: [{ path: ["recipients"], message: "Choose members of this organization" }],
    });
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const id = randomUUID();
    await sqlRows(
      change.tx,
      `insert into report_schedule (id, organization_id, name, report, filters, frequency, recipients, bom, enabled, next_run_at, created_by, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, true, $9, $10, now())`,
      [
        id,
        scope.actor.organizationId,
        input.name,
        report.id,
        JSON.stringify(input.filters),
        input.frequency,
        input.recipients,
        input.bom,
        input.firstRunAt ?? new Date(),
        scope.actor.userId,
      ],
    );
    change.audit({
      action: "report_schedule.create",
      entity: "report_schedule",
      entityId: id,
      after: { name: input.name, report: report.id, frequency: input.frequency },
    });
    return { id };
  });
}

export async function deleteSchedule(scope: OrgScope, id: string): Promise<void> {
  await withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const rows = await sqlRows<{ name: string; report: string }>(
      change.tx,
      `delete from report_schedule where id = $1 and organization_id = $2 returning name, report`,
      [id, scope.actor.organizationId],
    );
    const deleted = rows[0];
    if (!deleted) throw new DomainError("NOT_FOUND", "That schedule no longer exists");
    allowedReport(scope, deleted.report);
    change.audit({ action: "report_schedule.delete", entity: "report_schedule", entityId: id, before: deleted });
  });
}
