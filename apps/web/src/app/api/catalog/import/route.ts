import {
  DomainError,
  dryRunImport,
  getApiDeps,
  httpStatusOf,
  IMPORT_MAX_BYTES,
  ImportTooLargeError,
  originRefusal,
  requireMembership,
  storeUpload,
} from "@syncstore/api";
import { getConfig } from "@syncstore/config";

export const dynamic = "force-dynamic";

const tooLarge = () =>
  Response.json(
    {
      error: `The file is larger than ${Math.round(IMPORT_MAX_BYTES / 1024 / 1024)} MB; split it and import the parts`,
    },
    { status: 413 },
  );

/**
 * CSV upload for the catalog import: a raw `text/csv` body (streamed into PostgreSQL as it arrives) or a
 * multipart form with a `file` field. Stores the upload and answers with the dry-run report
 * (automatic column mapping, counts, first errors); nothing in the catalog changes until
 * `catalog.import.start` applies it.
 */
export async function POST(request: Request): Promise<Response> {
  const refusal = originRefusal(request.headers, [getConfig().WEB_URL]);
  if (refusal) return Response.json({ error: refusal }, { status: 403 });
  const deps = await getApiDeps();
  const session = await deps.auth.api.getSession({ headers: request.headers });
  try {
    const membership = await requireMembership(deps, session, "catalog:write");
    const length = Number(request.headers.get("content-length") ?? "0");
    if (length > IMPORT_MAX_BYTES + 64 * 1024) return tooLarge();
    const type = request.headers.get("content-type") ?? "";
    let fileName: string | null = new URL(request.url).searchParams.get("name");
    let body: ReadableStream<Uint8Array> | null = request.body;
    if (type.startsWith("multipart/form-data")) {
      const form = await request.formData();
      const file = form.get("file");
      if (!(file instanceof File))
        return Response.json({ error: "Attach the CSV as the `file` field" }, { status: 400 });
      if (file.size > IMPORT_MAX_BYTES) return tooLarge();
      fileName = file.name || fileName;
      body = file.stream();
    }
    if (!body) return Response.json({ error: "The request has no file" }, { status: 400 });
    const importId = await storeUpload(
      membership.em,
      membership.organizationId,
      session?.user.id ?? null,
      fileName,
      body,
    );
    const report = await dryRunImport(membership.em, membership.organizationId, importId);
    return Response.json(report, { status: 201 });
  } catch (error) {
    if (error instanceof ImportTooLargeError) return tooLarge();
    if (error instanceof DomainError) return Response.json({ error: error.message }, { status: httpStatusOf(error) });
    deps.logger.error({ err: error }, "catalog import upload failed");
    return Response.json({ error: "The upload failed" }, { status: 500 });
  }
}
