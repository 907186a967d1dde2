import { auditExportInput, exportAuditCsv } from "@syncstore/api";
import { csvDownload } from "@/lib/server/csv-download";

export const dynamic = "force-dynamic";

/**
 * CSV download of the audit log with the page's filters (`actorId`, `action`, `entity`, `from`,
 * `to` as ISO instants), newest first, streamed a page of rows at a time.
 */
export function GET(request: Request): Promise<Response> {
  return csvDownload(request, {
    permission: "audit:read",
    schema: auditExportInput,
    input: (url) => Object.fromEntries(url.searchParams),
    invalidMessage: "The audit export filters are invalid",
    filename: "audit-log",
    rows: (membership, filters) => exportAuditCsv(membership.em, filters),
  });
}
