import {
  DomainError,
  exportOrdersCsv,
  exportOrdersRequestSchema,
  getApiDeps,
  httpStatusOf,
  requireMembership,
} from "@syncstore/api";
import { z } from "zod";

export const dynamic = "force-dynamic";

/**
 * CSV download of the Orders page's current filter (`?filter=` JSON: shop, status, dates, SKU,
 * order number, oversold, unmatched), one row per order line, streamed from a database cursor.
 */
export async function GET(request: Request): Promise<Response> {
  const deps = await getApiDeps();
  const session = await deps.auth.api.getSession({ headers: request.headers });
  let membership;
  try {
    membership = await requireMembership(deps, session, "order:read");
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.message }, { status: httpStatusOf(error) });
    throw error;
  }
  const raw = new URL(request.url).searchParams.get("filter");
  let filter: unknown;
  try {
    filter = raw ? JSON.parse(raw) : {};
  } catch {
    return Response.json({ error: "The filter parameter is not valid JSON" }, { status: 400 });
  }
  const parsed = exportOrdersRequestSchema.safeParse(filter);
  if (!parsed.success) {
    return Response.json(
      { error: "The export filter is invalid", issues: z.flattenError(parsed.error).fieldErrors },
      { status: 400 },
    );
  }
  const chunks = exportOrdersCsv(membership.em, parsed.data);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        deps.logger.error({ err: error }, "orders export failed mid-stream");
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
      "content-disposition": `attachment; filename="orders-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
}
