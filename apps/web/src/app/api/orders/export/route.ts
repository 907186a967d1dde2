import { exportOrdersCsv, exportOrdersRequestSchema } from "@syncstore/api";
import { csvDownload, jsonParam } from "@/lib/server/csv-download";

export const dynamic = "force-dynamic";

/**
 * CSV download of the Orders page's current filter (`?filter=` JSON: shop, status, dates, SKU,
 * order number, oversold, unmatched), one row per order line, streamed from a database cursor.
 */
export function GET(request: Request): Promise<Response> {
  return csvDownload(request, {
    permission: "order:read",
    schema: exportOrdersRequestSchema,
    input: (url) => jsonParam(url, "filter"),
    invalidMessage: "The export filter is invalid",
    filename: "orders",
    rows: (membership, filter) => exportOrdersCsv(membership.em, filter),
  });
}
