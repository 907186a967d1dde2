import { allowedReport, DomainError, getApiDeps, httpStatusOf, requireMembership } from "@syncstore/api";
import { sqlRows } from "@syncstore/db";

export const dynamic = "force-dynamic";

/** The stored file of a report run (kept in PostgreSQL, so any replica serves it) until it expires. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const deps = await getApiDeps();
  const session = await deps.auth.api.getSession({ headers: request.headers });
  const { id } = await context.params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) return Response.json({ error: "Unknown report run" }, { status: 404 });
  try {
    const membership = await requireMembership(deps, session, "report:read");
    const [run] = await sqlRows<{ report: string; file_name: string | null; expired: boolean; status: string }>(
      membership.em,
      `select report, file_name, coalesce(expires_at < now(), false) as expired, status from report_run
        where id = $1 and organization_id = $2`,
      [id, membership.organizationId],
    );
    if (!run || run.status !== "succeeded") return Response.json({ error: "Unknown report run" }, { status: 404 });
    allowedReport(membership, run.report);
    if (run.expired)
      return Response.json({ error: "This download has expired; run the report again" }, { status: 410 });
    let seq = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const [chunk] = await sqlRows<{ data: Buffer }>(
          membership.em,
          `select data from report_file_chunk where run_id = $1 and seq = $2`,
          [id, seq],
        );
        seq += 1;
        if (chunk) controller.enqueue(new Uint8Array(chunk.data));
        else controller.close();
      },
    });
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${run.file_name ?? `${run.report}.csv`}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.message }, { status: httpStatusOf(error) });
    throw error;
  }
}
