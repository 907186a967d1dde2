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
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        deps.logger.error({ err: error, report: report.id }, "report export failed mid-stream");
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${report.id}-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
}
