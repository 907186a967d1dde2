import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable, Transform } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { findRepoRoot } from "@syncstore/config";
import {
  autoMapHeaders,
  mappingProblems,
  validateImportRow,
  type ImportField,
  type ImportMapping,
  type ImportRecord,
  type ImportRowError,
} from "@syncstore/domain";
import {
  BULK_KIND_IMPORT,
  CATALOG_BULK_MAX_ATTEMPTS,
  currentRowColumns,
  currentRowFrom,
  enqueue,
  importChanges,
  rowsChangedChunks,
  runImportBatch,
  type CurrentRowLike,
  type ImportApplyRecord,
} from "@syncstore/jobs";
import type { EntityManager } from "@syncstore/db";
import { parse, type CsvError } from "csv-parse";
import { withChange } from "../../core/change";
import { DomainError } from "../../core/errors";
import type { OrgScope } from "../scope";
import { getBulk, type BulkOperationSummary } from "./bulk";
import { organizationCurrency } from "./list";
import { sqlRows } from "./sql";

/** The largest CSV upload accepted (bytes). */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;
/** Errors listed in a dry-run report (all are counted). */
export const IMPORT_REPORT_ERRORS = 200;
/** Up to this many rows, apply runs inline; above, a worker job runs it in batches. */
export const IMPORT_INLINE_LIMIT = 200;
/** Rows compared with the database per query during a dry run. */
const CHUNK = 1000;

export class ImportTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than ${Math.round(limit / 1024 / 1024)} MB`);
  }
}

/** Where uploads wait between the dry run and apply (`IMPORT_DIR` or <repo>/.data/imports). */
export function importDirectory(): string {
  return process.env.IMPORT_DIR ?? join(findRepoRoot() ?? process.cwd(), ".data", "imports");
}

interface UploadMeta {
  id: string;
  organizationId: string;
  userId: string;
  fileName: string | null;
  bytes: number;
  createdAt: string;
}

const idPattern = /^[0-9a-f-]{36}$/;
const paths = (id: string) => {
  if (!idPattern.test(id)) throw new DomainError("NOT_FOUND", "Import not found");
  const dir = importDirectory();
  return { csv: join(dir, `${id}.csv`), meta: join(dir, `${id}.json`) };
};

/**
 * Streams an upload to disk (never whole in memory), refusing it past `maxBytes` and when it is
 * not valid UTF-8. Returns the import id the dry run and apply refer to.
 */
export async function storeUpload(
  organizationId: string,
  userId: string,
  fileName: string | null,
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  maxBytes = IMPORT_MAX_BYTES,
): Promise<string> {
  const id = randomUUID();
  const target = paths(id);
  await mkdir(importDirectory(), { recursive: true });
  let bytes = 0;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) return callback(new ImportTooLargeError(maxBytes));
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        return callback(new DomainError("INVALID", "The file is not valid UTF-8 text: save it as CSV UTF-8 and retry"));
      }
      callback(null, chunk);
    },
    flush(callback) {
      try {
        decoder.decode();
        callback();
      } catch {
        callback(new DomainError("INVALID", "The file is not valid UTF-8 text: save it as CSV UTF-8 and retry"));
      }
    },
  });
  const source = body instanceof ReadableStream ? Readable.fromWeb(body as NodeReadableStream) : Readable.from(body);
  try {
    await pipeline(source, guard, createWriteStream(target.csv));
  } catch (error) {
    await rm(target.csv, { force: true });
    throw error;
  }
  if (bytes === 0) {
    await rm(target.csv, { force: true });
    throw new DomainError("INVALID", "The file is empty");
  }
  const meta: UploadMeta = { id, organizationId, userId, fileName, bytes, createdAt: new Date().toISOString() };
  await writeFile(target.meta, JSON.stringify(meta));
  return id;
}

async function loadUpload(organizationId: string, id: string): Promise<UploadMeta> {
  const target = paths(id);
  let meta: UploadMeta;
  try {
    meta = JSON.parse(await readFile(target.meta, "utf8")) as UploadMeta;
  } catch {
    throw new DomainError("NOT_FOUND", "Import not found (it may have been applied already)");
  }
  // Another organization's upload does not exist for this one.
  if (meta.organizationId !== organizationId) throw new DomainError("NOT_FOUND", "Import not found");
  return meta;
}

export type MappingOverrides = Record<string, ImportField | null>;

export interface ImportReport {
  importId: string;
  fileName: string | null;
  headers: string[];
  mapping: ImportMapping;
  unknownColumns: { column: number; header: string }[];
  problems: string[];
  rows: number;
  creates: number;
  newProducts: number;
  updates: number;
  unchanged: number;
  errorRows: number;
  errors: ImportRowError[];
  currency: string;
}

interface Scan {
  report: ImportReport;
  /** All valid rows (only when collecting for apply). */
  records: ImportApplyRecord[];
  /** Every row that cannot be imported, with all its messages (only when collecting). */
  invalid: { row: number; sku: string | null; message: string }[];
}

type CurrentRow = CurrentRowLike & { sku: string };

/**
 * Reads the upload once, streaming: maps the headers, validates each row, finds duplicate SKUs,
 * resolves category paths and compares every valid row with the current catalog (a chunk of rows
 * per query) to count creates, updates and unchanged rows. Writes nothing.
 */
async function scanUpload(
  em: EntityManager,
  organizationId: string,
  importId: string,
  overrides: MappingOverrides,
  collect: boolean,
): Promise<Scan> {
  const meta = await loadUpload(organizationId, importId);
  const currency = await organizationCurrency(em, organizationId);
  const categories = new Map<string, string>();
  for (const category of await sqlRows<{ id: string; name: string; path: string }>(
    em,
    `select id, name, path from category where organization_id = $1`,
    [organizationId],
  )) {
    categories.set(category.path.trim().toLowerCase(), category.id);
    if (!categories.has(category.name.trim().toLowerCase()))
      categories.set(category.name.trim().toLowerCase(), category.id);
  }

  const report: ImportReport = {
    importId,
    fileName: meta.fileName,
    headers: [],
    mapping: [],
    unknownColumns: [],
    problems: [],
    rows: 0,
    creates: 0,
    newProducts: 0,
    updates: 0,
    unchanged: 0,
    errorRows: 0,
    errors: [],
    currency,
  };
  const records: ImportApplyRecord[] = [];
  const invalid: Scan["invalid"] = [];
  const newTitles = new Set<string>();
  const firstRowOfSku = new Map<string, number>();
  let pending: ImportApplyRecord[] = [];

  const fail = (row: number, sku: string | null, errors: ImportRowError[]) => {
    report.errorRows += 1;
    for (const error of errors) if (report.errors.length < IMPORT_REPORT_ERRORS) report.errors.push(error);
    if (collect)
      invalid.push({
        row,
        sku,
        message: errors.map((e) => (e.column ? `${e.column}: ${e.message}` : e.message)).join("; "),
      });
  };

  const flush = async () => {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    const current = new Map(
      (
        await sqlRows<CurrentRow>(
          em,
          `select ${currentRowColumns} from ${currentRowFrom} where v.organization_id = $1 and v.sku = any($2::text[])`,
          [organizationId, batch.map((record) => record.sku)],
        )
      ).map((row) => [row.sku, row]),
    );
    for (const record of batch) {
      const existing = current.get(record.sku);
      if (!existing) {
        if (!record.product.title) {
          const column = report.headers[report.mapping.indexOf("title")] ?? "Title";
          fail(record.row, record.sku, [
            { row: record.row, column, message: `SKU ${record.sku} is new: a title is needed to create its product` },
          ]);
          continue;
        }
        report.creates += 1;
        newTitles.add(record.product.title);
      } else {
        const diff = importChanges(existing, record);
        if (Object.keys(diff.product).length || Object.keys(diff.variant).length) report.updates += 1;
        else report.unchanged += 1;
      }
      if (collect) records.push(record);
    }
  };

  const parser = createReadStream(paths(importId).csv).pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
    }),
  );
  let recordNumber = 0;
  parser.on("skip", (error: CsvError) => {
    report.rows += 1;
    const row = (error.lines as number | undefined) ?? recordNumber + 1;
    fail(row, null, [
      { row, column: null, message: `Malformed CSV: ${error.message.replace(/^Invalid [^:]*: /, "")}` },
    ]);
  });
  let headers: string[] | null = null;
  let mapping: ImportMapping = [];
  for await (const cells of parser as AsyncIterable<string[]>) {
    recordNumber += 1;
    if (!headers) {
      headers = cells.map((cell) => cell.trim());
      const mapped = autoMapHeaders(headers, overrides);
      mapping = mapped.mapping;
      report.headers = headers;
      report.mapping = mapping;
      report.unknownColumns = mapped.unknown;
      report.problems = mappingProblems(mapping);
      if (new Set(headers).size !== headers.length) report.problems.push("Two columns have the same header");
      if (report.problems.length) break;
      continue;
    }
    const row = recordNumber;
    report.rows += 1;
    const result = validateImportRow(cells, headers, mapping, currency, row);
    if (!result.ok) {
      const skuColumn = mapping.indexOf("sku");
      fail(row, skuColumn >= 0 ? (cells[skuColumn]?.trim() ?? null) : null, result.errors);
      continue;
    }
    const record = result.record;
    const seen = firstRowOfSku.get(record.sku);
    if (seen !== undefined) {
      const column = headers[mapping.indexOf("sku")] ?? "SKU";
      fail(row, record.sku, [{ row, column, message: `Duplicate SKU ${record.sku}: it is already in row ${seen}` }]);
      continue;
    }
    firstRowOfSku.set(record.sku, row);
    const resolved = resolveCategory(record, categories);
    if (typeof resolved === "string") {
      const column = headers[mapping.indexOf("category")] ?? "Category";
      fail(row, record.sku, [{ row, column, message: resolved }]);
      continue;
    }
    pending.push(resolved);
    if (pending.length >= CHUNK) await flush();
  }
  if (!headers) report.problems.push("The file has no header row");
  await flush();
  if (newTitles.size) {
    const existing = await sqlRows<{ title: string }>(
      em,
      `select distinct title from product where organization_id = $1 and title = any($2::text[])`,
      [organizationId, [...newTitles]],
    );
    report.newProducts = newTitles.size - existing.length;
  }
  report.errors.sort((a, b) => a.row - b.row);
  return { report, records, invalid };
}

function resolveCategory(record: ImportRecord, categories: Map<string, string>): ImportApplyRecord | string {
  const { category, ...product } = record.product;
  if (category === undefined) return { ...record, product };
  if (category === null) return { ...record, product: { ...product, categoryId: null } };
  const key = category
    .split(/\s*[/>]\s*/)
    .join(" / ")
    .toLowerCase();
  const id = categories.get(key) ?? categories.get(category.trim().toLowerCase());
  if (!id) return `Category "${category}" does not exist`;
  return { ...record, product: { ...product, categoryId: id } };
}

/** The dry run: what applying the upload with this mapping would do; writes nothing. */
export async function dryRunImport(
  em: EntityManager,
  organizationId: string,
  importId: string,
  overrides: MappingOverrides = {},
): Promise<ImportReport> {
  return (await scanUpload(em, organizationId, importId, overrides, false)).report;
}

/**
 * Applies an upload as a bulk operation of kind "catalog.import": the valid rows go into the
 * operation (rows that cannot be imported are recorded as its failures with their reasons) and
 * are applied inline when few, otherwise by the `catalog-bulk-operation` job in batches with
 * `bulk.progress` events. The upload is removed, so it cannot be applied twice.
 */
export async function applyImport(
  scope: OrgScope,
  importId: string,
  overrides: MappingOverrides = {},
): Promise<BulkOperationSummary> {
  const organizationId = scope.actor.organizationId;
  const { report, records, invalid } = await scanUpload(scope.em, organizationId, importId, overrides, true);
  if (report.problems.length) throw new DomainError("INVALID", report.problems.join("; "));
  if (!records.length) throw new DomainError("INVALID", "No row of the file can be imported");
  const total = records.length + invalid.length;
  const op = await withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    const [created] = await sqlRows<{ id: string }>(
      tx,
      `insert into bulk_operation (id, organization_id, kind, parameters, selection, total, done, failed, status, actor_id, created_at)
       values (gen_random_uuid(), $1, $2, $3::jsonb, $4::jsonb, $5, $6, $6, 'queued', $7, now()) returning id`,
      [
        organizationId,
        BULK_KIND_IMPORT,
        JSON.stringify({
          import: { importId, fileName: report.fileName, invalidRows: invalid.length },
          progress: { cursor: null },
        }),
        JSON.stringify({ mode: "import", rows: records }),
        total,
        invalid.length,
        scope.actor.userId,
      ],
    );
    if (!created) throw new Error("bulk_operation insert returned nothing");
    const operationId = created.id;
    if (invalid.length) {
      await sqlRows(
        tx,
        `insert into bulk_operation_item (id, organization_id, operation_id, variant_id, reason, created_at)
         select gen_random_uuid(), $1, $2, null, x.reason, now() from unnest($3::text[]) as x(reason)`,
        [organizationId, operationId, invalid.map((r) => `Row ${r.row}${r.sku ? ` (${r.sku})` : ""}: ${r.message}`)],
      );
    }
    const inline = records.length <= IMPORT_INLINE_LIMIT;
    change.audit({
      action: "bulk_operation.create",
      entity: "bulk_operation",
      entityId: operationId,
      after: {
        kind: BULK_KIND_IMPORT,
        fileName: report.fileName,
        total,
        creates: report.creates,
        updates: report.updates,
        unchanged: report.unchanged,
        invalid: invalid.length,
        mode: inline ? "inline" : "job",
      },
    });
    if (inline) {
      for (;;) {
        const result = await runImportBatch(tx, operationId);
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
  const target = paths(importId);
  await Promise.all([rm(target.csv, { force: true }), rm(target.meta, { force: true })]);
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
