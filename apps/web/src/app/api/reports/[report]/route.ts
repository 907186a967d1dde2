import {
  allowedReport,
  DomainError,
  getApiDeps,
  httpStatusOf,
  reportFiltersSchema,
  requireMembership,
  streamReport,
} from "@syncstore/api";
import { sqlRows } from "@syncstore/db";
import { z } from "zod";
import { csvStreamResponse } from "@/lib/server/csv-download";

export const dynamic = "force-dynamic";

/**
 * A report as CSV, streamed from a PostgreSQL cursor as the browser reads it: no row limit, flat
 * memory. Filters: `from`, `to` (dates), `shops` (comma-separated ids), `bom=1` for Excel.
 */
export async function GET(request: Request, context: { params: Promise<{ report: string }> }): Promise<Response> {
  const deps = await getApiDeps();
  const session = await deps.auth.api.getSession({ headers: request.headers });
  const { report: reportId } = await context.params;
  let membership;
  let report;
  try {
    membership = await requireMembership(deps, session, "report:read");
    report = allowedReport(membership, reportId);
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.message }, { status: httpStatusOf(error) });
    throw error;
  }
  const params = new URL(request.url).searchParams;
  const parsed = reportFiltersSchema.safeParse({
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
    shops: params.get("shops") ? params.get("shops")?.split(",") : [],
  });
  if (!parsed.success)
    return Response.json(
      { error: "The report filters are invalid", issues: z.flattenError(parsed.error).fieldErrors },
      { status: 400 },
    );
  const [org] = await sqlRows<{ currency: string }>(membership.em, `select currency from organization where id = $1`, [
    membership.organizationId,
  ]);
  const chunks = streamReport(membership.em, report, membership.organizationId, parsed.data, {
    bom: params.get("bom") === "1",
    currency: org?.currency ?? "USD",
  });
  return csvStreamResponse(chunks, report.id, (error) =>
    deps.logger.error({ err: error, report: report.id }, "report export failed mid-stream"),
  );
}
