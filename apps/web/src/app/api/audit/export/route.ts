import {
  auditExportInput,
  DomainError,
  exportAuditCsv,
  getApiDeps,
  httpStatusOf,
  requireMembership,
} from "@syncstore/api";
import { z } from "zod";

export const dynamic = "force-dynamic";

/**
 * CSV download of the audit log with the page's filters (`actorId`, `action`, `entity`, `from`,
 * `to` as ISO instants), newest first, streamed a page of rows at a time.
 */
export async function GET(request: Request): Promise<Response> {
  const deps = await getApiDeps();
  const session = await deps.auth.api.getSession({ headers: request.headers });
  let membership;
  try {
    membership = await requireMembership(deps, session, "audit:read");
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.message }, { status: httpStatusOf(error) });
    throw error;
  }
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = auditExportInput.safeParse(params);
  if (!parsed.success) {
    return Response.json(
      { error: "The audit export filters are invalid", issues: z.flattenError(parsed.error).fieldErrors },
      { status: 400 },
    );
  }
  const chunks = exportAuditCsv(membership.em, parsed.data);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        deps.logger.error({ err: error }, "audit export failed mid-stream");
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
      "content-disposition": `attachment; filename="audit-log-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
}
