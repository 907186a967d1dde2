import {
  applyBulkAction,
  bulkActionLevel,
  bulkActionSchema,
  type BulkAction,
  type BulkRow,
  type BulkRowValues,
} from "@syncstore/domain";
import type { EntityManager } from "@syncstore/db";
import type { AlertRaisedPayload, BulkOperationStatusValue, BulkProgressPayload } from "@syncstore/realtime/events";
import { z } from "zod";
import type { BulkBatchResult } from "./batch";
import { BULK_KIND_IMPORT, runImportBatch } from "./import";
import { BULK_KIND_COUNT, runCountBatch } from "../inventory/count";
import { BULK_KIND_LISTING_CREATE, BULK_KIND_LISTING_LINK, runListingBatch } from "../listings/bulk";
import { sqlRows } from "./sql";
import { lockCatalogRows, writeCatalogChanges, type LockedCatalogRow } from "./writer";
import { organizationCurrency } from "../settings/currency";

/** Rows per batch (one transaction each) of a bulk operation. */
export const BULK_BATCH_SIZE = 500;
/** Variant ids per `catalog.rows_changed` event. */
export const BULK_ROWS_CHANGED_CHUNK = 100;
export const BULK_KIND_CATALOG = "catalog.bulk_edit";

/**
 * What `bulk_operation.selection` holds: how the rows were chosen (explicit ids, or the grid's
 * filter and quick search) and the matching variant ids resolved when the operation was created,
 * in ascending order: the job walks them by keyset, so a retry resumes after its last batch.
 */
export const bulkSelectionRecordSchema = z.object({
  mode: z.enum(["ids", "query"]),
  filter: z.record(z.string(), z.unknown()).optional(),
  search: z.string().optional(),
  variantIds: z.array(z.uuid()),
});
export type BulkSelectionRecord = z.infer<typeof bulkSelectionRecordSchema>;

/** `bulk_operation.parameters`: the action, and the job's progress cursor (last processed variant id). */
export const bulkParametersSchema = z.object({
  action: bulkActionSchema,
  progress: z.object({ cursor: z.uuid().nullable() }).default({ cursor: null }),
});

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
  variantId: string;
  reason: string;
}

const progressOf = (op: OperationRow, status: BulkOperationStatusValue): BulkProgressPayload => ({
  operationId: op.id,
  done: op.done,
  failed: op.failed,
  total: op.total,
  status,
});

const toBulkRow = (row: LockedCatalogRow): BulkRow => ({
  price: Number(row.price),
  compareAtPrice: row.compareAtPrice === null ? null : Number(row.compareAtPrice),
  categoryId: row.categoryId,
  status: row.status as BulkRow["status"],
  tags: row.tags,
  stockOnHand: row.onHand ?? 0,
  reserved: row.reserved ?? 0,
});

/**
 * Runs the next batch of a bulk operation inside the caller's transaction `tx`: locks the
 * operation (a cancel waits for the batch; a cancelled or finished operation does nothing), takes
 * the next `batchSize` selected variant ids after the cursor, applies the action with the same
 * catalog writer as the grid's save (versions bumped, stock through one guarded statement with the
 * values read under lock as expected, writing inventory movements with reason "bulk", audit rows), records rows it could not change
 * with their reason, and moves the cursor and counters. Because the cursor commits with the
 * batch, a retried job resumes where the last committed batch ended.
 */
export async function runBulkBatch(
  tx: EntityManager,
  operationId: string,
  batchSize = BULK_BATCH_SIZE,
): Promise<BulkBatchResult> {
  const [kind] = await sqlRows<{ kind: string }>(tx, `select kind from bulk_operation where id = $1`, [operationId]);
  if (kind?.kind === BULK_KIND_IMPORT) return runImportBatch(tx, operationId);
  if (kind?.kind === BULK_KIND_COUNT) return runCountBatch(tx, operationId);
  if (kind?.kind === BULK_KIND_LISTING_LINK || kind?.kind === BULK_KIND_LISTING_CREATE)
    return runListingBatch(tx, operationId);
  const [op] = await sqlRows<OperationRow>(
    tx,
    `select id, organization_id as "organizationId", status, parameters, total, done, failed, actor_id as "actorId"
       from bulk_operation where id = $1 for update`,
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
    return { ...idle, status: op.status, progress: progressOf(op, op.status) };

  const parameters = bulkParametersSchema.parse(op.parameters);
  const ids = await nextVariantIds(tx, operationId, parameters.progress.cursor, batchSize + 1);
  const batch = ids.slice(0, batchSize);
  const last = ids.length <= batchSize;

  const failures: Failure[] = [];
  let changedVariantIds: string[] = [];
  let alerts: AlertRaisedPayload[] = [];
  if (batch.length) {
    const result = await applyAction(tx, op, parameters.action, batch);
    failures.push(...result.failures);
    changedVariantIds = result.changedVariantIds;
    alerts = result.alerts;
  }
  await recordFailures(tx, op, failures);
  const status: BulkOperationStatusValue = last ? "succeeded" : "running";
  const updated = await advanceOperation(tx, operationId, {
    processed: batch.length,
    failed: failures.length,
    status,
    cursor: batch.at(-1) ?? parameters.progress.cursor,
  });
  return {
    status,
    progress: progressOf(updated, status),
    changedVariantIds,
    alerts,
    actorId: op.actorId,
    organizationId: op.organizationId,
    processed: batch.length,
  };
}

/** The selected variant ids after the cursor, in ascending order (the keyset the job walks). */
async function nextVariantIds(
  tx: EntityManager,
  operationId: string,
  cursor: string | null,
  limit: number,
): Promise<string[]> {
  const rows = await sqlRows<{ id: string }>(
    tx,
    `select x.id::text as id
       from bulk_operation b, jsonb_array_elements_text(b.selection -> 'variantIds') as x(id)
      where b.id = $1 and ($2::uuid is null or x.id::uuid > $2::uuid)
      order by x.id::uuid limit $3`,
    [operationId, cursor, limit],
  );
  return rows.map((row) => row.id);
}

/** Rows the batch could not change, with their reason (once per variant). */
async function recordFailures(tx: EntityManager, op: OperationRow, failures: readonly Failure[]): Promise<void> {
  const organizationId = op.organizationId;
  const operationId = op.id;
  if (failures.length) {
    await sqlRows(
      tx,
      `insert into bulk_operation_item (id, organization_id, operation_id, variant_id, reason, created_at)
       select gen_random_uuid(), $1, $2, v.id, x.reason, now()
         from jsonb_to_recordset($3::jsonb) as x(variant_id uuid, reason text)
         left join variant v on v.id = x.variant_id and v.organization_id = $1
       on conflict (operation_id, variant_id) do nothing`,
      [
        organizationId,
        operationId,
        JSON.stringify(failures.map((f) => ({ variant_id: f.variantId, reason: f.reason }))),
      ],
    );
  }
}

/** Moves the operation's counters and cursor on; the cursor commits with the batch. */
async function advanceOperation(
  tx: EntityManager,
  operationId: string,
  step: { processed: number; failed: number; status: BulkOperationStatusValue; cursor: string | null },
): Promise<OperationRow> {
  const [updated] = await sqlRows<OperationRow>(
    tx,
    `update bulk_operation
        set done = done + $2, failed = failed + $3,
            -- An operation where every row failed ends as "failed".
            status = case when $4 = 'succeeded' and total > 0 and failed + $3 >= total then 'failed' else $4 end,
            parameters = jsonb_set(parameters, '{progress}', jsonb_build_object('cursor', $5::text)),
            started_at = coalesce(started_at, now()),
            finished_at = case when $4 = 'running' then null else now() end
      where id = $1
      returning id, organization_id as "organizationId", status, parameters, total, done, failed, actor_id as "actorId"`,
    [operationId, step.processed, step.failed, step.status, step.cursor],
  );
  if (!updated) throw new Error(`Bulk operation ${operationId} vanished`);
  return updated;
}

async function applyAction(
  tx: EntityManager,
  op: OperationRow,
  action: BulkAction,
  variantIds: string[],
): Promise<{ failures: Failure[]; changedVariantIds: string[]; alerts: AlertRaisedPayload[] }> {
  const organizationId = op.organizationId;
  // The writer's lock order (products, variants, then their stock), shared with the grid's save.
  const locked = await lockCatalogRows(tx, organizationId, { variantIds });
  const currency = await organizationCurrency(tx, organizationId);
  const found = new Set(locked.map((row) => row.variantId));
  const failures: Failure[] = variantIds
    .filter((id) => !found.has(id))
    .map((id) => ({ variantId: id, reason: `Variant ${id} no longer exists` }));

  if (
    action.kind === "set_category" &&
    action.categoryId &&
    !(await categoryExists(tx, organizationId, action.categoryId))
  ) {
    for (const row of locked) failures.push({ variantId: row.variantId, reason: "The category no longer exists" });
    return { failures, changedVariantIds: [], alerts: [] };
  }
  const { products, variants, stock } = planBulkChanges(locked, action, currency, failures);
  const written = await writeBulkChanges(tx, op, { products, variants, stock });
  for (const refused of written.refused)
    failures.push({
      variantId: refused.variantId,
      reason:
        refused.reason === "held"
          ? "Stock cannot go below the units reserved for orders"
          : `Stock changed to ${refused.onHand} while the operation ran`,
    });
  return { failures, changedVariantIds: written.affectedVariantIds, alerts: written.alerts };
}

async function categoryExists(tx: EntityManager, organizationId: string, categoryId: string): Promise<boolean> {
  const [category] = await sqlRows<{ id: string }>(
    tx,
    `select id from category where organization_id = $1 and id = $2`,
    [organizationId, categoryId],
  );
  return category !== undefined;
}

type BulkChange = { before: BulkRowValues; after: BulkRowValues };
interface BulkChanges {
  products: Map<string, BulkChange>;
  variants: Map<string, BulkChange>;
  stock: Map<string, { onHand: number; expected: number }>;
}

/** The action applied to each locked row, as product, variant or stock changes; a refused row becomes a failure. */
function planBulkChanges(
  locked: readonly LockedCatalogRow[],
  action: BulkAction,
  currency: string,
  failures: Failure[],
): BulkChanges {
  const level = bulkActionLevel(action);
  const products = new Map<string, { before: BulkRowValues; after: BulkRowValues }>();
  const variants = new Map<string, { before: BulkRowValues; after: BulkRowValues }>();
  const stock = new Map<string, { onHand: number; expected: number }>();
  for (const row of locked) {
    const current = toBulkRow(row);
    const outcome = applyBulkAction(current, action, currency);
    if (!outcome.ok) {
      failures.push({ variantId: row.variantId, reason: outcome.reason });
      continue;
    }
    if (!outcome.changed) continue;
    if (level === "product") products.set(row.productId, { before: current, after: outcome.next });
    // The stock was read under lock in this transaction: it is the expected value of the write.
    else if (level === "stock")
      stock.set(row.variantId, { onHand: outcome.next.stockOnHand, expected: current.stockOnHand });
    else variants.set(row.variantId, { before: current, after: outcome.next });
  }
  return { products, variants, stock };
}

/** Writes the changes with the catalog writer (versions, guarded stock with reason "bulk", audit). */
function writeBulkChanges(tx: EntityManager, op: OperationRow, { products, variants, stock }: BulkChanges) {
  const productFields = (v: BulkRowValues) => ({ status: v.status, categoryId: v.categoryId, tags: v.tags });
  const variantFields = (v: BulkRowValues) => ({ price: v.price, compareAtPrice: v.compareAtPrice });
  return writeCatalogChanges(tx, {
    organizationId: op.organizationId,
    actorId: op.actorId,
    reason: "bulk",
    sourceRef: `bulk_operation:${op.id}`,
    products: [...products].map(([id, { before, after }]) => ({
      id,
      before: productFields(before),
      after: productFields(after),
    })),
    variants: [...variants].map(([id, { before, after }]) => ({
      id,
      before: variantFields(before),
      after: variantFields(after),
    })),
    stock: [...stock].map(([variantId, { onHand, expected }]) => ({ variantId, onHand, expected })),
  });
}

/** `catalog.rows_changed` payloads for these variants, in chunks that fit a NOTIFY. */
export function rowsChangedChunks(
  variantIds: string[],
  actorId: string,
): { variantIds: string[]; actorId: string; at: string }[] {
  const at = new Date().toISOString();
  const chunks = [];
  for (let start = 0; start < variantIds.length; start += BULK_ROWS_CHANGED_CHUNK)
    chunks.push({ variantIds: variantIds.slice(start, start + BULK_ROWS_CHANGED_CHUNK), actorId, at });
  return chunks;
}
