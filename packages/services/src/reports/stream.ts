import { cursorChunks, sqlRows, type EntityManager } from "@syncstore/db";
import { addDays, csvLine, UTF8_BOM } from "@syncstore/domain";
import type { ReportDefinition, ReportFilters } from "./definitions";

/** Rows fetched per round trip: memory stays flat whatever the report's size. */
export const REPORT_FETCH_ROWS = 2000;

/**
 * The filters as the four bound parameters every report query takes. A CTE types them, so a
 * query that does not use one (an undated report) still binds it.
 */
export function preparedReportQuery(report: ReportDefinition, organizationId: string, filters: ReportFilters) {
  return {
    text: `with report_filters as (select $1::text as organization_id, $2::timestamptz as from_at, $3::timestamptz as to_at, $4::uuid[] as shop_ids)
           ${report.sql}`,
    params: [
      organizationId,
      report.dated && filters.from ? `${filters.from}T00:00:00Z` : null,
      report.dated && filters.to ? `${addDays(filters.to, 1)}T00:00:00Z` : null,
      report.shops ? filters.shops : [],
    ],
  };
}

async function tableExists(em: EntityManager, table: string): Promise<boolean> {
  const [row] = await sqlRows<{ exists: boolean }>(em, `select to_regclass($1) is not null as exists`, [table]);
  return row?.exists ?? false;
}

/** The planner's row estimate (cheap: no scan), to decide between a direct download and a job. */
export async function estimateReportRows(
  em: EntityManager,
  report: ReportDefinition,
  organizationId: string,
  filters: ReportFilters,
): Promise<number> {
  if (report.requiresTable && !(await tableExists(em, report.requiresTable))) return 0;
  const query = preparedReportQuery(report, organizationId, filters);
  const [plan] = await sqlRows<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(
    em,
    `explain (format json) ${query.text}`,
    query.params,
  );
  return Math.round(plan?.["QUERY PLAN"][0].Plan["Plan Rows"] ?? 0);
}

/**
 * The report as CSV text chunks, read through a server-side cursor in a read-only transaction
 * (no row limit, flat memory). Cells are spreadsheet-safe (`csvLine`): formulas neutralised, ISO
 * dates; `bom` starts the file with a UTF-8 byte order mark for Excel. `onRows` reports progress.
 */
export async function* streamReport(
  em: EntityManager,
  report: ReportDefinition,
  organizationId: string,
  filters: ReportFilters,
  options: { bom: boolean; currency: string; onRows?: (rows: number) => Promise<void> | void },
): AsyncGenerator<string> {
  yield (options.bom ? UTF8_BOM : "") + csvLine(report.headers(options.currency));
  if (report.requiresTable && !(await tableExists(em, report.requiresTable))) return;
  const query = preparedReportQuery(report, organizationId, filters);
  let total = 0;
  for await (const rows of cursorChunks<Record<string, unknown>>(em, query.text, query.params, {
    chunk: REPORT_FETCH_ROWS,
  })) {
    total += rows.length;
    yield rows.map((row) => csvLine(report.cells(row, options.currency))).join("");
    await options.onRows?.(total);
  }
}
