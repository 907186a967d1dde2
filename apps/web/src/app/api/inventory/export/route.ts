import {
  DomainError,
  exportStockCsv,
  getApiDeps,
  httpStatusOf,
  requireMembership,
  stockQuerySchema,
} from "@syncstore/api";
import { z } from "zod";

export const dynamic = "force-dynamic";

/**
 * CSV download of the Inventory grid's current filter (`?stock=low&connectionId=…&search=…`),
 * streamed from a database cursor so 100,000 variants never sit in memory.
 */
export async function GET(request: Request): Promise<Response> {
  const deps = await getApiDeps();
  const session = await deps.auth.api.getSession({ headers: request.headers });
  let membership;
  try {
    membership = await requireMembership(deps, session, "inventory:read");
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.message }, { status: httpStatusOf(error) });
    throw error;
  }
  const params = new URL(request.url).searchParams;
  const parsed = stockQuerySchema.safeParse({
    stock: params.get("stock") ?? undefined,
    connectionId: params.get("connectionId") ?? undefined,
    search: params.get("search") ?? undefined,
  });
  if (!parsed.success)
    return Response.json(
      { error: "The export filter is invalid", issues: z.flattenError(parsed.error).fieldErrors },
      { status: 400 },
    );
  let chunks: AsyncGenerator<string>;
  let first: IteratorResult<string>;
  try {
    chunks = exportStockCsv(membership.em, membership.organizationId, parsed.data);
    first = await chunks.next();
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.message }, { status: httpStatusOf(error) });
    throw error;
  }
  const encoder = new TextEncoder();
  let pending: IteratorResult<string> | null = first;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = pending ?? (await chunks.next());
        pending = null;
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        deps.logger.error({ err: error }, "inventory export failed mid-stream");
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
      "content-disposition": `attachment; filename="inventory-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
}
