import { DomainError } from "@syncstore/domain";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import {
  BULK_KIND_IMPORT,
  CATALOG_BULK_MAX_ATTEMPTS,
  enqueue,
  loadStagedImport,
  mapImportHeaders,
  rowsChangedChunks,
  runImportBatch,
  scanStagedImport,
  type ImportParameters,
  type ImportReport,
  type MappingOverrides,
} from "@syncstore/services";
import type { EntityManager } from "@syncstore/db";
import { parse, type CsvError } from "csv-parse";
import { withChange } from "../../core/change";
import type { OrgScope } from "../scope";
import { getBulk, type BulkOperationSummary } from "./bulk";
import { sqlRows } from "../sql";

export type { ImportReport, MappingOverrides };

/** The largest CSV upload accepted (bytes). */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;
/** Up to this many rows, apply runs inline; above, a worker job runs it in batches. */
export const IMPORT_INLINE_LIMIT = 200;
/** Records per insert into the staging table while an upload streams in. */
const STAGE_CHUNK = 1000;

export class ImportTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than ${Math.round(limit / 1024 / 1024)} MB`);
  }
}

const notUtf8 = () => new DomainError("INVALID", "The file is not valid UTF-8 text: save it as CSV UTF-8 and retry");

/** Counts bytes (refusing past `maxBytes`) and checks UTF-8 as the upload streams through. */
function uploadGuard(maxBytes: number, counted: { bytes: number }): Transform {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      counted.bytes += chunk.length;
      if (counted.bytes > maxBytes) return callback(new ImportTooLargeError(maxBytes));
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        return callback(notUtf8());
      }
      callback(null, chunk);
    },
    flush(callback) {
      try {
        decoder.decode();
        callback();
      } catch {
        callback(notUtf8());
      }
    },
  });
}

interface StagedRecord {
  n: number;
  cells: string[] | null;
  error: string | null;
}

/**
 * Streams an upload into PostgreSQL (never whole in memory): the bytes are checked (size, UTF-8)
 * and parsed as they arrive (csv-parse; BOM or not), and every record goes into
 * `catalog_import_row` in file order, a chunk per insert: the header's cells on `catalog_import`,
 * malformed records with their parse error. All in one transaction, so a refused upload leaves
 * nothing. Returns the import id the dry run and apply refer to.
 */
export async function storeUpload(
  em: EntityManager,
  organizationId: string,
  userId: string | null,
  fileName: string | null,
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  maxBytes = IMPORT_MAX_BYTES,
): Promise<string> {
  return em.fork().transactional(async (tx) => {
    const [created] = await sqlRows<{ id: string }>(
      tx,
      `insert into catalog_import (id, organization_id, created_by_id, file_name, bytes, rows, created_at)
       values (gen_random_uuid(), $1, $2, $3, 0, 0, now()) returning id`,
      [organizationId, userId || null, fileName],
    );
    const importId = created!.id;
    const counted = { bytes: 0 };
    let headers: string[] | null = null;
    let rows = 0;
    let pending: StagedRecord[] = [];
    // on_record and on_skip run in parse order, so one counter numbers records and skips alike;
    // records come out of the parser in that order, each taking the next number in `numbers`.
    let next = 0;
    const numbers: number[] = [];
    const skipped: StagedRecord[] = [];
    const write = async () => {
      if (!pending.length) return;
      const chunk = pending;
      pending = [];
      await sqlRows(
        tx,
        `insert into catalog_import_row (import_id, organization_id, n, cells, error)
         select $1, $2, x.n, x.cells, x.error from jsonb_to_recordset($3::jsonb) as x(n int, cells jsonb, error text)`,
        [importId, organizationId, JSON.stringify(chunk)],
      );
    };
    const stage = async (record: StagedRecord) => {
      if (record.cells && !headers) {
        headers = record.cells.map((cell) => cell.trim());
        return;
      }
      rows += 1;
      pending.push(record);
      if (pending.length >= STAGE_CHUNK) await write();
    };
    const parser = parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_record: (cells) => {
        numbers.push(next++);
        return cells;
      },
      on_skip: (error: CsvError | undefined) => {
        skipped.push({
          n: next++,
          cells: null,
          error: `Malformed CSV: ${(error?.message ?? "unreadable record").replace(/^Invalid [^:]*: /, "")}`,
        });
      },
    });
    const source = body instanceof ReadableStream ? Readable.fromWeb(body as NodeReadableStream) : Readable.from(body);
    await pipeline(source, uploadGuard(maxBytes, counted), parser, async (records: AsyncIterable<string[]>) => {
      for await (const cells of records) {
        const n = numbers.shift()!;
        while (skipped.length && skipped[0]!.n < n) await stage(skipped.shift()!);
        await stage({ n, cells, error: null });
      }
    });
    for (const record of skipped.splice(0)) await stage(record);
    await write();
    if (counted.bytes === 0) throw new DomainError("INVALID", "The file is empty");
    await sqlRows(tx, `update catalog_import set bytes = $2, rows = $3, headers = $4::jsonb where id = $1`, [
      importId,
      counted.bytes,
      rows,
      headers ? JSON.stringify(headers) : null,
    ]);
    return importId;
  });
}

async function stagedUpload(em: EntityManager, organizationId: string, importId: string) {
  const upload = await loadStagedImport(em, organizationId, importId);
  // Another organization's upload does not exist for this one.
  if (!upload) throw new DomainError("NOT_FOUND", "Import not found (it may have been applied already)");
  return upload;
}

/** The dry run: what applying the upload with this mapping would do; writes nothing. */
export async function dryRunImport(
  em: EntityManager,
  organizationId: string,
  importId: string,
  overrides: MappingOverrides = {},
): Promise<ImportReport> {
  return scanStagedImport(em, await stagedUpload(em, organizationId, importId), overrides);
}

/**
 * Applies an upload as a bulk operation of kind "catalog.import" over every row of the file. The
 * batches (`runImportBatch`) first run the dry run's scan, recording the rows it reports as
 * errors as the operation's failures, then apply the valid rows set-based: inline when the file is
 * small, otherwise in the `catalog-bulk-operation` job with `bulk.progress` events, cancel and a
 * report. The upload is claimed by the operation, so it cannot be applied twice.
 */
export async function applyImport(
  scope: OrgScope,
  importId: string,
  overrides: MappingOverrides = {},
): Promise<BulkOperationSummary> {
  const organizationId = scope.actor.organizationId;
  const op = await withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    const upload = await stagedUpload(tx, organizationId, importId);
    const { problems } = mapImportHeaders(upload.headers, overrides);
    if (problems.length) throw new DomainError("INVALID", problems.join("; "));
    if (upload.rows === 0) throw new DomainError("INVALID", "The file has no data rows");
    const parameters: ImportParameters = {
      import: { importId, fileName: upload.fileName, mapping: overrides },
      progress: { phase: "validate", cursor: 0 },
    };
    const [created] = await sqlRows<{ id: string }>(
      tx,
      `insert into bulk_operation (id, organization_id, kind, parameters, selection, total, done, failed, status, actor_id, created_at)
       values (gen_random_uuid(), $1, $2, $3::jsonb, $4::jsonb, $5, 0, 0, 'queued', $6, now()) returning id`,
      [
        organizationId,
        BULK_KIND_IMPORT,
        JSON.stringify(parameters),
        JSON.stringify({ mode: "import" }),
        upload.rows,
        scope.actor.userId,
      ],
    );
    if (!created) throw new Error("bulk_operation insert returned nothing");
    const operationId = created.id;
    // Claims the upload: a second apply finds nothing.
    const claimed = await sqlRows(
      tx,
      `update catalog_import set operation_id = $2 where id = $1 and operation_id is null returning id`,
      [importId, operationId],
    );
    if (!claimed.length) throw new DomainError("NOT_FOUND", "Import not found (it may have been applied already)");
    const inline = upload.rows <= IMPORT_INLINE_LIMIT;
    change.audit({
      action: "bulk_operation.create",
      entity: "bulk_operation",
      entityId: operationId,
      after: { kind: BULK_KIND_IMPORT, fileName: upload.fileName, total: upload.rows, mode: inline ? "inline" : "job" },
    });
    if (inline) {
      for (;;) {
        const result = await runImportBatch(tx, operationId);
        for (const alert of result.alerts) change.emit("alert.raised", alert);
        for (const chunk of rowsChangedChunks(result.changedVariantIds, scope.actor.userId))
          change.emit("catalog.rows_changed", chunk);
        if (result.status !== "running" || result.processed === 0) break;
      }
    } else {
      await enqueue(
        tx,
        "catalog-bulk-operation",
        { operationId },
        { jobKey: `bulk-operation:${operationId}`, maxAttempts: CATALOG_BULK_MAX_ATTEMPTS },
      );
    }
    const summary = await getBulk({ ...scope, em: tx }, operationId);
    change.emit("bulk.progress", {
      operationId,
      done: summary.done,
      failed: summary.failed,
      total: summary.total,
      status: summary.status,
    });
    return summary;
  });
  return {
    id: op.id,
    kind: op.kind,
    action: op.action,
    selectionMode: op.selectionMode,
    total: op.total,
    done: op.done,
    failed: op.failed,
    status: op.status,
    actorName: op.actorName,
    createdAt: op.createdAt,
    startedAt: op.startedAt,
    finishedAt: op.finishedAt,
  };
}
