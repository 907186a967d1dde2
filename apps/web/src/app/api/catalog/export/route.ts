import { exportRequestSchema, exportVariantsCsv } from "@syncstore/api";
import { csvDownload, jsonParam } from "@/lib/server/csv-download";

export const dynamic = "force-dynamic";

/**
 * CSV download of the catalog or of the grid's current view (`?view=` JSON: filter, search, sort,
 * columns), streamed from a database cursor so a 100,000-row catalog never sits in memory.
 */
export function GET(request: Request): Promise<Response> {
  return csvDownload(request, {
    permission: "catalog:read",
    schema: exportRequestSchema,
    input: (url) => jsonParam(url, "view"),
    invalidMessage: "The export view is invalid",
    filename: "catalog",
    rows: (membership, { columns, ...query }) => exportVariantsCsv(membership.em, query, columns),
  });
}
