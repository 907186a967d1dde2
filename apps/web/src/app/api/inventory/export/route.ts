import { exportStockCsv, stockQuerySchema } from "@syncstore/api";
import { csvDownload } from "@/lib/server/csv-download";

export const dynamic = "force-dynamic";

/**
 * CSV download of the Inventory grid's current filter (`?stock=low&connectionId=…&search=…`),
 * streamed from a database cursor so 100,000 variants never sit in memory.
 */
export function GET(request: Request): Promise<Response> {
  return csvDownload(request, {
    permission: "inventory:read",
    schema: stockQuerySchema,
    input: (url) => ({
      stock: url.searchParams.get("stock") ?? undefined,
      connectionId: url.searchParams.get("connectionId") ?? undefined,
      search: url.searchParams.get("search") ?? undefined,
    }),
    invalidMessage: "The export filter is invalid",
    filename: "inventory",
    rows: (membership, query) => exportStockCsv(membership.em, membership.organizationId, query),
  });
}
