import { DomainError, getApiDeps, httpStatusOf, requireMembership, type Membership } from "@syncstore/api";
import { z } from "zod";

type Permission = Parameters<typeof requireMembership>[2];

/** A query parameter holding JSON (`?view=`, `?filter=`): its value, `{}` when absent, or a 400. */
export function jsonParam(url: URL, name: string): unknown {
  const raw = url.searchParams.get(name);
  try {
    return raw ? JSON.parse(raw) : {};
  } catch {
    return Response.json({ error: `The ${name} parameter is not valid JSON` }, { status: 400 });
  }
}

function errorResponse(error: unknown): Response {
  if (error instanceof DomainError) return Response.json({ error: error.message }, { status: httpStatusOf(error) });
  throw error;
}

/**
 * Every CSV download of the admin (catalog, orders, inventory, audit log): the caller's permission
 * checked, the request's filter validated by its schema (400 with the issues by field), the rows
 * streamed from the service's generator so a large export never sits in memory. The first chunk
 * is read before answering, so a refusal still becomes a JSON error rather than a broken download.
 */
export async function csvDownload<S extends z.ZodType>(
  request: Request,
  options: {
    permission: Permission;
    schema: S;
    /** The raw input from the URL, or a Response when it cannot be read. */
    input: (url: URL) => unknown;
    invalidMessage: string;
    /** File name before the date: `orders` gives `orders-2026-12-03.csv`. */
    filename: string;
    rows: (membership: Membership, input: z.output<S>) => AsyncGenerator<string>;
  },
): Promise<Response> {
  const deps = await getApiDeps();
  const session = await deps.auth.api.getSession({ headers: request.headers });
  let membership: Membership;
  try {
    membership = await requireMembership(deps, session, options.permission);
  } catch (error) {
    return errorResponse(error);
  }
  const raw = options.input(new URL(request.url));
  if (raw instanceof Response) return raw;
  const parsed = options.schema.safeParse(raw);
  if (!parsed.success) {
    return Response.json(
      { error: options.invalidMessage, issues: z.flattenError(parsed.error).fieldErrors },
      { status: 400 },
    );
  }
  const chunks = options.rows(membership, parsed.data);
  let pending: IteratorResult<string> | null;
  try {
    pending = await chunks.next();
  } catch (error) {
    return errorResponse(error);
  }
  const onError = (error: unknown) => deps.logger.error({ err: error }, `${options.filename} export failed mid-stream`);
  return csvStreamResponse(chunks, options.filename, onError, pending);
}

/**
 * A CSV file streamed from a generator of chunks as the browser reads it (`<filename>-<date>.csv`,
 * never cached). `first` is a chunk already read; a failure mid-stream is reported and aborts the
 * download (the headers are gone by then).
 */
export function csvStreamResponse(
  chunks: AsyncGenerator<string>,
  filename: string,
  onError: (error: unknown) => void,
  first: IteratorResult<string> | null = null,
): Response {
  let pending = first;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = pending ?? (await chunks.next());
        pending = null;
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        onError(error);
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
      "content-disposition": `attachment; filename="${filename}-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
}
