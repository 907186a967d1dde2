import { sqlRows, type EntityManager } from "@syncstore/db";
import type { AlertRaisedPayload } from "@syncstore/realtime";
import type { BulkOperationStatusValue, BulkProgressPayload } from "@syncstore/realtime/events";
import { z } from "zod";
import { setOnHand } from "./adjust";

/** `bulk_operation.kind` of a stock count import (Inventory → Import count). */
export const BULK_KIND_COUNT = "inventory.count";
/** Counted rows per batch (one transaction each). */
export const COUNT_BATCH_SIZE = 500;

/**
 * `bulk_operation.parameters` of a stock count: the counted rows (ascending variant id, so the
 * job walks them by keyset), each with the on hand the preview showed (the compare-and-set value),
 * and the job's cursor (last variant id applied).
 */
export const countParametersSchema = z.object({
  count: z.object({
    fileName: z.string().nullable(),
    rows: z.array(
      z.object({ variantId: z.uuid(), sku: z.string(), counted: z.number().int(), expected: z.number().int() }),
    ),
  }),
  progress: z.object({ cursor: z.uuid().nullable() }).default({ cursor: null }),
});
export type CountParameters = z.infer<typeof countParametersSchema>;

/** One batch's outcome: the same shape as the catalog bulk engine's batch result, which dispatches here. */
export interface CountBatchResult {
  status: BulkOperationStatusValue;
  progress: BulkProgressPayload;
  changedVariantIds: string[];
  actorId: string | null;
  organizationId: string;
  processed: number;
  alerts: AlertRaisedPayload[];
}

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

const columns = `id, organization_id as "organizationId", status, parameters, total, done, failed, actor_id as "actorId"`;

const progressOf = (row: OperationRow) => ({
  operationId: row.id,
  done: row.done,
  failed: row.failed,
  total: row.total,
  status: row.status,
});

/**
 * The next batch of a stock count, in the caller's transaction: sets each counted variant's on
 * hand through `setOnHand` (reason `count`, source the bulk operation, compare-and-set against the
 * on hand the preview showed). A row whose on hand moved since the preview (an order), or whose
 * count is below what open orders hold, is recorded as a failure with its reason and changes
 * nothing. The cursor commits with the batch, so a retried job resumes after it.
 */
export async function runCountBatch(
  tx: EntityManager,
  operationId: string,
  batchSize = COUNT_BATCH_SIZE,
): Promise<CountBatchResult> {
  const [op] = await sqlRows<OperationRow>(tx, `select ${columns} from bulk_operation where id = $1 for update`, [
    operationId,
  ]);
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
  const parameters = countParametersSchema.parse(op.parameters);
  const cursor = parameters.progress.cursor;
  const pending = parameters.count.rows.filter((row) => cursor === null || row.variantId > cursor);
  const batch = pending.slice(0, batchSize);
  const last = pending.length <= batchSize;
  const result = await setOnHand(tx, {
    organizationId: op.organizationId,
    targets: batch.map((row) => ({ variantId: row.variantId, onHand: row.counted, expected: row.expected })),
    reason: "count",
    sourceKind: "bulk_operation",
    sourceRef: op.id,
    actorId: op.actorId,
  });
  if (result.refused.length > 0) {
    const skus = new Map(batch.map((row) => [row.variantId, row.sku]));
    await sqlRows(
      tx,
      `insert into bulk_operation_item (id, organization_id, operation_id, variant_id, reason, created_at)
       select gen_random_uuid(), $1, $2, x.variant_id, x.reason, now()
         from jsonb_to_recordset($3::jsonb) as x(variant_id uuid, reason text)
       on conflict (operation_id, variant_id) do nothing`,
      [
        op.organizationId,
        op.id,
        JSON.stringify(
          result.refused.map((r) => ({
            variant_id: r.variantId,
            reason: `${skus.get(r.variantId) ?? ""}: ${r.message}`,
          })),
        ),
      ],
    );
  }
  const status: BulkOperationStatusValue = last ? "succeeded" : "running";
  const [updated] = await sqlRows<OperationRow>(
    tx,
    `update bulk_operation
        set done = done + $2, failed = failed + $3,
            status = case when $4 = 'succeeded' and total > 0 and failed + $3 >= total then 'failed' else $4 end,
            parameters = jsonb_set(parameters, '{progress}', jsonb_build_object('cursor', $5::text)),
            started_at = coalesce(started_at, now()),
            finished_at = case when $4 = 'running' then null else now() end
      where id = $1
      returning ${columns}`,
    [op.id, batch.length, result.refused.length, status, batch.at(-1)?.variantId ?? cursor],
  );
  if (!updated) throw new Error(`Bulk operation ${op.id} vanished`);
  return {
    ...idle,
    status: updated.status,
    progress: progressOf(updated),
    changedVariantIds: result.moves.map((move) => move.variantId),
    processed: batch.length,
    alerts: result.alerts,
  };
}
