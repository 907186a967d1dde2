export const dynamic = "force-dynamic";

/**
 * The benchmarks' ceiling: a bare route handler on the same Next.js server that answers GET with
 * the body a PUT gave it (JSON for `pnpm bench:api`, so a tRPC figure can be set beside the
 * server's own cost of answering that many bytes; a static HTML page for `pnpm bench:pages`). It
 * exists only when the server was started with SYNCSTORE_BENCH=1; otherwise every method answers
 * 404, as for any unknown path.
 */
const enabled = process.env.SYNCSTORE_BENCH === "1";
const MAX_BYTES = 1024 * 1024;
let body = "{}";
let type = "application/json";

const notFound = () => new Response(null, { status: 404 });

export function GET(): Response {
  if (!enabled) return notFound();
  return new Response(body, { headers: { "content-type": type } });
}

export async function PUT(request: Request): Promise<Response> {
  if (!enabled) return notFound();
  const text = await request.text();
  if (text.length > MAX_BYTES) return new Response(null, { status: 413 });
  body = text;
  type = request.headers.get("content-type")?.startsWith("text/html") ? "text/html; charset=utf-8" : "application/json";
  return new Response(null, { status: 204 });
}
