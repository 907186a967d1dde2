import {
  DomainError,
  exportRequestSchema,
  exportVariantsCsv,
  getApiDeps,
  httpStatusOf,
  requireMembership,
} from "@syncstore/api";
import { z } from "zod";

export const dynamic = "force-dynamic";

/**
 * CSV download of the catalog or of the grid's current view (`?view=` JSON: filter, search, sort,
 * columns), streamed from a database cursor so a 100,000-row catalog never sits in memory.
 */
export async function GET(request: Request): Promise<Response> {
  const deps = await getApiDeps();
  const session = await deps.auth.api.getSession({ headers: request.headers });
  let membership;
  try {
    membership = await requireMembership(deps, session, "catalog:read");
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.message }, { status: httpStatusOf(error) });
    throw error;
  }
  const raw = new URL(request.url).searchParams.get("view");
  let view: unknown;
  try {
    view = raw ? JSON.parse(raw) : {};
  } catch {
    return Response.json({ error: "The view parameter is not valid JSON" }, { status: 400 });
  }
  const parsed = exportRequestSchema.safeParse(view);
  if (!parsed.success) {
    return Response.json(
      { error: "The export view is invalid", issues: z.flattenError(parsed.error).fieldErrors },
      { status: 400 },
    );
  }
  const { columns, ...query } = parsed.data;
  const chunks = exportVariantsCsv(membership.em, query, columns);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        deps.logger.error({ err: error }, "catalog export failed mid-stream");
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
      "content-disposition": `attachment; filename="catalog-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
}
