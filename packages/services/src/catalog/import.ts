import type { EntityManager } from "@syncstore/db";
import type { AlertRaisedPayload } from "@syncstore/realtime";
import { importFields, validateImportRow } from "@syncstore/domain";
import type { BulkOperationStatusValue } from "@syncstore/realtime/events";
import { z } from "zod";
import type { BulkBatchResult, ImportApplyRecord } from "./batch";
import {
  fieldChanges,
  loadCategoryIndex,
  mapImportHeaders,
  productStateOf,
  resolveCategory,
  rowOf,
  scanStagedImport,
  staleStockMessage,
  variantStateOf,
  type InvalidImportRow,
} from "./import-scan";
import { organizationCurrency } from "../settings/currency";
import { sqlRows } from "./sql";
import {
  lockCatalogRows,
  writeCatalogChanges,
  type AuditEntry,
  type LockedCatalogRow,
  type StockWrite,
} from "./writer";

/** `bulk_operation.kind` of a CSV import. */
export const BULK_KIND_IMPORT = "catalog.import";
/** Rows of the file per batch (one transaction each, set-based statements). */
export const IMPORT_BATCH_SIZE = 5000;

/**
 * `bulk_operation.parameters` of an import: the staged upload, the user's mapping, and where the
 * job got to: first the "validate" phase (the dry run's scan, recording every row it reports as an
 * error), then "apply" batches after record `cursor`.
 */
export const importParametersSchema = z.object({
  import: z.object({
    importId: z.uuid(),
    fileName: z.string().nullable(),
    mapping: z.record(z.string(), z.enum(importFields).nullable()).default({}),
  }),
  progress: z
    .object({ phase: z.enum(["validate", "apply"]).default("validate"), cursor: z.number().int().default(0) })
    .default({ phase: "validate", cursor: 0 }),
});
export type ImportParameters = z.infer<typeof importParametersSchema>;

interface OperationRow {
  id: string;
  organizationId: string;
  status: BulkOperationStatusValue;
  parameters: unknown;
  total: number;
  done: number;
  failed: number;
  actorId: string | null;
}

interface Failure {
  variantId: string | null;
  reason: string;
}

const operationColumns = `id, organization_id as "organizationId", status, parameters, total, done, failed, actor_id as "actorId"`;

const progressOf = (row: OperationRow) => ({
  operationId: row.id,
  done: row.done,
  failed: row.failed,
  total: row.total,
  status: row.status,
});

/**
 * The next step of a CSV import, in the caller's transaction. The first step validates the whole
 * upload with the dry run's own scan (`scanStagedImport`): rows it reports as errors become
 * `bulk_operation_item`s with their reasons, are marked in the staging table and count as done and
 * failed. Each later step applies the next `batchSize` valid rows set-based (`applyRows`). The
 * phase and cursor commit with the step, so a retried job resumes after the last committed one;
 * the last step removes the staged upload.
 */
export async function runImportBatch(
  tx: EntityManager,
  operationId: string,
  batchSize = IMPORT_BATCH_SIZE,
): Promise<BulkBatchResult> {
  const [op] = await sqlRows<OperationRow>(
    tx,
    `select ${operationColumns} from bulk_operation where id = $1 for update`,
    [operationId],
  );
  if (!op) throw new Error(`Bulk operation ${operationId} does not exist`);
  const idle = {
    changedVariantIds: [],
    actorId: op.actorId,
    organizationId: op.organizationId,
    processed: 0,
    alerts: [],
  };
  if (op.status !== "queued" && op.status !== "running")
    return { ...idle, status: op.status, progress: progressOf(op) };

  const parameters = importParametersSchema.parse(op.parameters);
  const importId = parameters.import.importId;
  if (parameters.progress.phase === "validate") {
    const invalid = await validateUpload(tx, op, parameters);
    const updated = await advance(tx, op, {
      processed: invalid,
      failed: invalid,
      progress: { phase: "apply", cursor: 0 },
      last: false,
    });
    // Never 0 (callers stop at a step that processed nothing), although no row was applied yet.
    return { ...idle, status: updated.status, progress: progressOf(updated), processed: Math.max(invalid, 1) };
  }

  const headers = await sqlRows<{ headers: string[] }>(tx, `select headers from catalog_import where id = $1`, [
    importId,
  ]);
  const staged = await sqlRows<{ n: number; cells: string[] }>(
    tx,
    `select n, cells from catalog_import_row
      where import_id = $1 and n > $2 and error is null and cells is not null
      order by n limit $3`,
    [importId, parameters.progress.cursor, batchSize + 1],
  );
  const batch = staged.slice(0, batchSize);
  const last = staged.length <= batchSize;
  const applied = batch.length
    ? await applyRows(tx, op, headers[0]?.headers ?? [], parameters, batch)
    : { failures: [], changed: [], alerts: [] };
  if (applied.failures.length) await recordFailures(tx, op, applied.failures);
  if (last) await sqlRows(tx, `delete from catalog_import where id = $1`, [importId]);
  const updated = await advance(tx, op, {
    processed: batch.length,
    failed: applied.failures.length,
    progress: { phase: "apply", cursor: batch.at(-1)?.n ?? parameters.progress.cursor },
    last,
  });
  return {
    ...idle,
    status: updated.status,
    progress: progressOf(updated),
    changedVariantIds: applied.changed,
    alerts: applied.alerts,
    processed: batch.length,
  };
}

/** Moves the counters and the phase/cursor; the last step ends the operation ("failed" when every row failed). */
async function advance(
  tx: EntityManager,
  op: OperationRow,
  step: { processed: number; failed: number; progress: ImportParameters["progress"]; last: boolean },
): Promise<OperationRow> {
  const status: BulkOperationStatusValue = step.last ? "succeeded" : "running";
  const [updated] = await sqlRows<OperationRow>(
    tx,
    `update bulk_operation
        set done = done + $2, failed = failed + $3,
            status = case when $4 = 'succeeded' and total > 0 and failed + $3 >= total then 'failed' else $4 end,
            parameters = jsonb_set(parameters, '{progress}', $5::jsonb),
            started_at = coalesce(started_at, now()),
            finished_at = case when $4 = 'running' then null else now() end
      where id = $1
      returning ${operationColumns}`,
    [op.id, step.processed, step.failed, status, JSON.stringify(step.progress)],
  );
  if (!updated) throw new Error(`Bulk operation ${op.id} vanished`);
  return updated;
}

async function recordFailures(tx: EntityManager, op: OperationRow, failures: Failure[]): Promise<void> {
  await sqlRows(
    tx,
    `insert into bulk_operation_item (id, organization_id, operation_id, variant_id, reason, created_at)
     select gen_random_uuid(), $1, $2, x.variant_id, x.reason, now()
       from jsonb_to_recordset($3::jsonb) as x(variant_id uuid, reason text)
     on conflict (operation_id, variant_id) do nothing`,
    [op.organizationId, op.id, JSON.stringify(failures.map((f) => ({ variant_id: f.variantId, reason: f.reason })))],
  );
}

const rowReason = (row: number, sku: string | null, message: string) =>
  `Row ${row}${sku ? ` (${sku})` : ""}: ${message}`;

/** The validate phase: the dry run's scan, recording each row it rejects. Returns how many. */
async function validateUpload(tx: EntityManager, op: OperationRow, parameters: ImportParameters): Promise<number> {
  const importId = parameters.import.importId;
  const [upload] = await sqlRows<{ id: string; fileName: string | null; headers: string[] | null; rows: number }>(
    tx,
    `select id, file_name as "fileName", headers, rows from catalog_import where id = $1 and organization_id = $2`,
    [importId, op.organizationId],
  );
  if (!upload) throw new Error(`The staged upload ${importId} of bulk operation ${op.id} is gone`);
  let invalidRows = 0;
  const onInvalid = async (rows: InvalidImportRow[]) => {
    invalidRows += rows.length;
    await sqlRows(
      tx,
      `update catalog_import_row r set error = x.message
         from jsonb_to_recordset($2::jsonb) as x(n int, message text)
        where r.import_id = $1 and r.n = x.n`,
      [importId, JSON.stringify(rows.map((r) => ({ n: r.n, message: r.message })))],
    );
    await recordFailures(
      tx,
      op,
      rows.map((r) => ({ variantId: null, reason: rowReason(r.row, r.sku, r.message) })),
    );
  };
  const report = await scanStagedImport(
    tx,
    { ...upload, organizationId: op.organizationId },
    parameters.import.mapping,
    onInvalid,
  );
  if (report.problems.length) throw new Error(`Import ${importId} cannot be applied: ${report.problems.join("; ")}`);
  return invalidRows;
}

type ProductState = ReturnType<typeof productStateOf>;
type VariantState = Omit<ReturnType<typeof variantStateOf>, "stockOnHand">;

/**
 * Applies a batch of valid rows with set-based statements (the bulk engine's pattern): locks the
 * existing variants by SKU (products, then variants, like the grid's save), merges product edits
 * per product in file order, updates products and variants once each with versions bumped,
 * creates missing products (by title) and the new variants (positions after the product's last),
 * sets stock through the one guarded statement (movements with reason "import"), writes audit
 * rows in one insert and marks the listings of changes a channel shows for sync. A row that
 * cannot be applied (stock below what is reserved, a category removed since the upload) is a
 * failure with its reason and changes nothing.
 */
async function applyRows(
  tx: EntityManager,
  op: OperationRow,
  headers: string[],
  parameters: ImportParameters,
  batch: { n: number; cells: string[] }[],
): Promise<{ failures: Failure[]; changed: string[]; alerts: AlertRaisedPayload[] }> {
  const organizationId = op.organizationId;
  const { records, failures } = await validateRows(tx, organizationId, headers, parameters, batch);

  // The writer's lock (products, variants, then their stock): the on hand read here is what the
  // guarded stock statement finds, so the checks in planChanges are exact.
  const locked = new Map(
    (await lockCatalogRows(tx, organizationId, { skus: records.map((r) => r.sku) })).map((row) => [row.sku, row]),
  );
  const { products, variants, stock, creates } = planChanges(records, locked, failures);

  // New SKUs find their product by title as it will be after this batch's product edits.
  const retitled = new Map(
    [...products].filter(([, e]) => e.before.title !== e.after.title).map(([id, e]) => [id, e.after.title]),
  );
  const audit: AuditEntry[] = [];
  const created = await createVariants(tx, op, creates, audit, retitled);
  for (const [variantId, onHand] of created.stock) stock.push({ variantId, onHand, created: true });

  const written = await writeCatalogChanges(tx, {
    organizationId,
    actorId: op.actorId,
    reason: "import",
    sourceRef: `bulk_operation:${op.id}`,
    products: [...products].map(([id, { before, after }]) => ({ id, before, after })),
    variants: [...variants].map(([id, { before, after }]) => ({ id, before, after })),
    stock,
    extraAudit: audit,
  });
  // Checked on the locked rows: a refusal here is a bug; roll the batch back (the job retries).
  if (written.refused.length) throw new Error("Stock would go below the units now reserved for orders");
  return {
    failures,
    changed: [...new Set([...written.affectedVariantIds, ...created.ids])],
    alerts: written.alerts,
  };
}

/** Parses and validates each row against the mapping; a row that fails becomes a failure with its reasons. */
async function validateRows(
  tx: EntityManager,
  organizationId: string,
  headers: string[],
  parameters: ImportParameters,
  batch: { n: number; cells: string[] }[],
): Promise<{ records: ImportApplyRecord[]; failures: Failure[] }> {
  const currency = await organizationCurrency(tx, organizationId);
  const categories = await loadCategoryIndex(tx, organizationId);
  const { mapping } = mapImportHeaders(headers, parameters.import.mapping);
  const failures: Failure[] = [];
  const records: ImportApplyRecord[] = [];
  for (const { n, cells } of batch) {
    const result = validateImportRow(cells, headers, mapping, currency, rowOf(n));
    if (!result.ok) {
      failures.push({
        variantId: null,
        reason: rowReason(rowOf(n), null, result.errors.map((e) => e.message).join("; ")),
      });
      continue;
    }
    const resolved = resolveCategory(result.record, categories);
    if (typeof resolved === "string")
      failures.push({ variantId: null, reason: rowReason(rowOf(n), result.record.sku, resolved) });
    else records.push(resolved);
  }
  return { records, failures };
}

/**
 * Splits valid rows into changes of existing SKUs (product and variant before/after, stock writes)
 * and new SKUs to create; a row that cannot be applied is added to `failures`.
 */
function planChanges(
  records: readonly ImportApplyRecord[],
  locked: ReadonlyMap<string, LockedCatalogRow>,
  failures: Failure[],
) {
  const products = new Map<string, { before: ProductState; after: ProductState }>();
  const variants = new Map<string, { before: VariantState; after: VariantState }>();
  const stock: StockWrite[] = [];
  const creates: ImportApplyRecord[] = [];
  for (const record of records) {
    const current = locked.get(record.sku);
    if (!current) {
      if (!record.product.title) {
        failures.push({
          variantId: null,
          reason: rowReason(record.row, record.sku, "A new SKU needs a title to create or find its product"),
        });
        continue;
      }
      creates.push(record);
      continue;
    }
    const { stockOnHand, expectedStockOnHand: _expected, ...variantPatch } = record.variant;
    const stockBefore = current.onHand ?? 0;
    const reserved = current.reserved ?? 0;
    const stale = staleStockMessage(current.onHand, record);
    if (stale) {
      failures.push({ variantId: current.variantId, reason: rowReason(record.row, record.sku, stale) });
      continue;
    }
    if (stockOnHand !== undefined && stockOnHand !== stockBefore && stockOnHand < reserved) {
      failures.push({
        variantId: current.variantId,
        reason: rowReason(record.row, record.sku, `Stock cannot go below the ${reserved} units reserved for orders`),
      });
      continue;
    }
    const entry = products.get(current.productId) ?? {
      before: productStateOf(current),
      after: productStateOf(current),
    };
    if (Object.keys(fieldChanges(entry.after, record.product)).length) {
      entry.after = { ...entry.after, ...withoutUndefined(record.product) };
      products.set(current.productId, entry);
    }
    const { stockOnHand: _stock, ...before } = variantStateOf(current);
    if (Object.keys(fieldChanges(before, variantPatch)).length)
      variants.set(current.variantId, { before, after: { ...before, ...withoutUndefined(variantPatch) } });
    if (stockOnHand !== undefined && stockOnHand !== stockBefore)
      stock.push({ variantId: current.variantId, onHand: stockOnHand, expected: stockBefore });
  }
  return { products, variants, stock, creates };
}

const withoutUndefined = <T extends Record<string, unknown>>(patch: T): Partial<T> =>
  Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;

/**
 * New SKUs: each becomes a variant of the product with its row's title (the oldest such product,
 * or one created from the first row with that title), positioned after the product's variants.
 * Returns the new variant ids and the stock each row sets.
 */
async function createVariants(
  tx: EntityManager,
  op: OperationRow,
  creates: ImportApplyRecord[],
  audit: AuditEntry[],
  retitled: ReadonlyMap<string, string>,
): Promise<{ ids: string[]; stock: Map<string, number> }> {
  if (!creates.length) return { ids: [], stock: new Map() };
  const productOf = await productsByTitle(tx, op, creates, audit, retitled);
  const inserted = await insertVariants(tx, op.organizationId, creates, productOf);
  const idOf = new Map(inserted.map((row) => [row.sku, row.id]));
  const stock = new Map<string, number>();
  for (const record of creates) {
    const id = idOf.get(record.sku)!;
    const { stockOnHand, expectedStockOnHand: _expected, ...variant } = record.variant;
    audit.push({
      action: "variant.create",
      entity: "variant",
      entity_id: id,
      diff: { after: { sku: record.sku, ...variant } },
    });
    if (stockOnHand !== undefined) stock.set(id, stockOnHand);
  }
  return { ids: inserted.map((row) => row.id), stock };
}

/** The product of each new SKU's title: the oldest with that title, or one created (and audited) from its first row. */
async function productsByTitle(
  tx: EntityManager,
  op: OperationRow,
  creates: readonly ImportApplyRecord[],
  audit: AuditEntry[],
  retitled: ReadonlyMap<string, string>,
): Promise<Map<string, string>> {
  const organizationId = op.organizationId;
  const titles = [...new Set(creates.map((r) => r.product.title!))];
  const wantedTitles = new Set(titles);
  const productOf = new Map(
    (
      await sqlRows<{ id: string; title: string }>(
        tx,
        `select distinct on (title) id, title from product
          where organization_id = $1 and (title = any($2::text[]) and id <> all($3::uuid[]) or id = any($3::uuid[]))
          order by title, created_at, id`,
        [organizationId, titles, [...retitled.keys()]],
      )
    )
      // A product this batch retitles goes by its new title.
      .map((row) => [retitled.get(row.id) ?? row.title, row.id] as const)
      .filter(([title]) => wantedTitles.has(title)),
  );
  const missing = titles.flatMap((title) => {
    if (productOf.has(title)) return [];
    const first = creates.find((r) => r.product.title === title)!;
    return [
      {
        title,
        brand: first.product.brand ?? null,
        status: first.product.status ?? "draft",
        category_id: first.product.categoryId ?? null,
        tags: first.product.tags ?? [],
        product: first.product,
      },
    ];
  });
  if (missing.length) {
    const inserted = await sqlRows<{ id: string; title: string }>(
      tx,
      `insert into product (id, organization_id, title, brand, status, category_id, tags, version, created_at, updated_at, created_by_id, updated_by_id)
       select gen_random_uuid(), $1, x.title, x.brand, x.status, x.category_id, x.tags, 1, now(), now(), $3, $3
         from jsonb_to_recordset($2::jsonb) as x(title text, brand text, status text, category_id uuid, tags text[])
       returning id, title`,
      [organizationId, JSON.stringify(missing.map(({ product: _product, ...row }) => row)), op.actorId],
    );
    for (const row of inserted) productOf.set(row.title, row.id);
    for (const m of missing)
      audit.push({
        action: "product.create",
        entity: "product",
        entity_id: productOf.get(m.title)!,
        diff: { after: m.product },
      });
  }
  return productOf;
}

/** Inserts the new variants in one statement, each positioned after its product's variants. */
async function insertVariants(
  tx: EntityManager,
  organizationId: string,
  creates: readonly ImportApplyRecord[],
  productOf: ReadonlyMap<string, string>,
): Promise<{ id: string; sku: string }[]> {
  const ordinal = new Map<string, number>();
  const rows = creates.map((record) => {
    const productId = productOf.get(record.product.title!)!;
    const ord = ordinal.get(productId) ?? 0;
    ordinal.set(productId, ord + 1);
    const { stockOnHand: _stock, expectedStockOnHand: _expected, ...variant } = record.variant;
    return {
      product_id: productId,
      sku: record.sku,
      options: variant.options ?? {},
      price: variant.price ?? 0,
      compare_at_price: variant.compareAtPrice ?? null,
      cost: variant.cost ?? null,
      barcode: variant.barcode ?? null,
      weight_grams: variant.weightGrams ?? null,
      ord,
    };
  });
  // The position subquery sees the variants as they were before this statement.
  return sqlRows<{ id: string; sku: string }>(
    tx,
    `insert into variant (id, organization_id, product_id, sku, options, price, compare_at_price, cost, barcode, weight_grams, position, version, created_at, updated_at)
     select gen_random_uuid(), $1, x.product_id, x.sku, x.options, x.price, x.compare_at_price, x.cost, x.barcode, x.weight_grams,
            coalesce((select max(w.position) + 1 from variant w where w.product_id = x.product_id), 0) + x.ord, 1, now(), now()
       from jsonb_to_recordset($2::jsonb)
         as x(product_id uuid, sku text, options jsonb, price bigint, compare_at_price bigint, cost bigint, barcode text,
              weight_grams int, ord int)
     returning id, sku`,
    [organizationId, JSON.stringify(rows)],
  );
}
