import { applyBulkAction, type BulkAction, DomainError } from "@syncstore/domain";
import {
  BULK_KIND_CATALOG,
  CATALOG_BULK_MAX_ATTEMPTS,
  enqueue,
  rowsChangedChunks,
  runBulkBatch,
  type BulkSelectionRecord,
} from "@syncstore/services";
import type { BulkProgressPayload } from "@syncstore/realtime/events";
import type { EntityManager } from "@syncstore/db";
import { withChange } from "../../core/change";
import type { OrgScope } from "../scope";
import { buildListQuery, SEARCH_SIMILARITY, type ListFilter } from "./list-query";
import { organizationCurrency } from "@syncstore/services";
import { fetchVariantRows, variantRowFrom, type VariantRow } from "./rows";
import { sqlRows } from "../sql";

/** Up to this many rows, `apply` changes them in its own transaction; above, a job does it in batches. */
export const BULK_INLINE_LIMIT = 200;
/** The most rows one bulk operation may select. */
export const MAX_BULK_ROWS = 100_000;
export const PREVIEW_SAMPLE = 20;

export type BulkSelection =
  { mode: "ids"; variantIds: string[] } | { mode: "query"; filter?: ListFilter; search?: string };

export type BulkStatus = BulkProgressPayload["status"];

export interface BulkPreviewRow {
  variantId: string;
  productTitle: string;
  sku: string;
  before: BulkValues;
  after: BulkValues | null;
  error: string | null;
}

interface BulkValues {
  price: number;
  compareAtPrice: number | null;
  categoryId: string | null;
  status: VariantRow["status"];
  tags: string[];
  stockOnHand: number;
}

export interface BulkOperationSummary {
  id: string;
  kind: string;
  /** Null for a CSV import (kind "catalog.import"). */
  action: BulkAction | null;
  selectionMode: "ids" | "query" | "import";
  total: number;
  done: number;
  failed: number;
  status: BulkStatus;
  actorName: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface BulkOperationDetail extends BulkOperationSummary {
  failures: { variantId: string | null; sku: string | null; productTitle: string | null; reason: string }[];
}

/** The variant ids a selection means in this organization (ids of other organizations drop out). */
export async function resolveSelection(
  em: EntityManager,
  organizationId: string,
  selection: BulkSelection,
): Promise<string[]> {
  if (selection.mode === "ids") {
    const rows = await sqlRows<{ id: string }>(
      em,
      `select id from variant where organization_id = $1 and id = any($2::uuid[])`,
      [organizationId, [...new Set(selection.variantIds)]],
    );
    const found = new Set(rows.map((row) => row.id));
    // Keep the caller's order (the grid's order) for the preview sample, each id once.
    return [...new Set(selection.variantIds)].filter((id) => found.has(id));
  }
  return (await matchingIds(em, organizationId, selection, MAX_BULK_ROWS + 1, false)).ids;
}

/**
 * "All rows matching": the grid's own list query (same filter, search and order), so the count is
 * the count the grid shows. The first `limit` ids, and the full count when asked.
 */
async function matchingIds(
  em: EntityManager,
  organizationId: string,
  selection: { filter?: ListFilter; search?: string },
  limit: number,
  withCount: boolean,
): Promise<{ ids: string[]; count: number }> {
  const built = buildListQuery(
    organizationId,
    { startRow: 0, endRow: limit, filter: selection.filter, search: selection.search },
    `v.id as id`,
    variantRowFrom,
  );
  return em.transactional(async (tx) => {
    if (selection.search?.trim())
      await sqlRows(tx, `select set_config('pg_trgm.word_similarity_threshold', $1, true)`, [
        String(SEARCH_SIMILARITY),
      ]);
    const ids = (await sqlRows<{ id: string }>(tx, built.rows, built.params)).map((row) => row.id);
    const count =
      withCount && ids.length >= limit
        ? ((await sqlRows<{ total: number }>(tx, built.count, built.countParams))[0]?.total ?? 0)
        : ids.length;
    return { ids, count };
  });
}

function checkSize(ids: string[]): void {
  if (ids.length === 0) throw new DomainError("INVALID", "No rows are selected");
  if (ids.length > MAX_BULK_ROWS)
    throw new DomainError("INVALID", `A bulk edit can change at most ${MAX_BULK_ROWS.toLocaleString("en")} rows`);
}

async function checkAction(em: EntityManager, organizationId: string, action: BulkAction): Promise<void> {
  if (action.kind === "set_category" && action.categoryId) {
    const [found] = await sqlRows<{ id: string }>(
      em,
      `select id from category where organization_id = $1 and id = $2`,
      [organizationId, action.categoryId],
    );
    if (!found) throw new DomainError("INVALID", "The category does not exist in this organization");
  }
}

/** Count and a sample of the rows before → after; writes nothing. */
export async function previewBulk(
  scope: OrgScope,
  selection: BulkSelection,
  action: BulkAction,
): Promise<{ count: number; currency: string; sample: BulkPreviewRow[] }> {
  const organizationId = scope.actor.organizationId;
  const em = scope.em;
  await checkAction(em, organizationId, action);
  // The preview reads only the sample's rows and a count, however many rows match.
  const { ids: allOrFirst, count } =
    selection.mode === "ids"
      ? await resolveSelection(em, organizationId, selection).then((ids) => ({ ids, count: ids.length }))
      : await matchingIds(em, organizationId, selection, PREVIEW_SAMPLE, true);
  const sampleIds = allOrFirst.slice(0, PREVIEW_SAMPLE);
  const rows = new Map((await fetchVariantRows(em, organizationId, sampleIds)).map((row) => [row.variantId, row]));
  const reserved = new Map(
    (
      await sqlRows<{ variantId: string; reserved: number }>(
        em,
        `select variant_id as "variantId", reserved from stock_level where organization_id = $1 and variant_id = any($2::uuid[])`,
        [organizationId, sampleIds],
      )
    ).map((row) => [row.variantId, row.reserved]),
  );
  const currency = await organizationCurrency(em, organizationId);
  const sample = sampleIds.flatMap((id): BulkPreviewRow[] => {
    const row = rows.get(id);
    if (!row) return [];
    const before: BulkValues = {
      price: row.price,
      compareAtPrice: row.compareAtPrice,
      categoryId: row.categoryId,
      status: row.status,
      tags: row.tags,
      stockOnHand: row.stockOnHand,
    };
    const outcome = applyBulkAction({ ...before, reserved: reserved.get(id) ?? 0 }, action, currency);
    return [
      {
        variantId: id,
        productTitle: row.productTitle,
        sku: row.sku,
        before,
        after: outcome.ok ? outcome.next : null,
        error: outcome.ok ? null : outcome.reason,
      },
    ];
  });
  return { count, currency, sample };
}

interface OperationRecord {
  id: string;
  kind: string;
  parameters: { action?: BulkAction };
  selection: { mode: "ids" | "query" | "import" };
  total: number;
  done: number;
  failed: number;
  status: BulkStatus;
  actorName: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

// Only the selection's mode: an import's selection holds all of its rows.
const operationColumns = `b.id, b.kind, b.parameters, jsonb_build_object('mode', b.selection -> 'mode') as selection, b.total, b.done, b.failed, b.status,
  u.name as "actorName", b.created_at as "createdAt", b.started_at as "startedAt", b.finished_at as "finishedAt"`;
const operationFrom = `bulk_operation b left join "user" u on u.id = b.actor_id`;

function toSummary(row: OperationRecord): BulkOperationSummary {
  return {
    id: row.id,
    kind: row.kind,
    action: row.parameters.action ?? null,
    selectionMode: row.selection.mode,
    total: row.total,
    done: row.done,
    failed: row.failed,
    status: row.status,
    actorName: row.actorName,
    createdAt: new Date(row.createdAt),
    startedAt: row.startedAt ? new Date(row.startedAt) : null,
    finishedAt: row.finishedAt ? new Date(row.finishedAt) : null,
  };
}

const progressOf = (op: BulkOperationSummary): BulkProgressPayload => ({
  operationId: op.id,
  done: op.done,
  failed: op.failed,
  total: op.total,
  status: op.status,
});

/**
 * Creates a bulk operation over the selection (resolved to ids now, so the job changes exactly
 * the rows that were counted) and, in the same transaction, either applies it (small selections)
 * or enqueues the `catalog-bulk-operation` job (invariant 1: both commit or neither).
 */
export async function applyBulk(
  scope: OrgScope,
  selection: BulkSelection,
  action: BulkAction,
): Promise<BulkOperationSummary> {
  const organizationId = scope.actor.organizationId;
  await checkAction(scope.em, organizationId, action);
  const resolved = await resolveSelection(scope.em, organizationId, selection);
  checkSize(resolved);
  const variantIds = [...resolved].sort();
  const record: BulkSelectionRecord =
    selection.mode === "ids"
      ? { mode: "ids", variantIds }
      : {
          mode: "query",
          ...(selection.filter ? { filter: { ...selection.filter } } : {}),
          ...(selection.search ? { search: selection.search } : {}),
          variantIds,
        };
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    const [created] = await sqlRows<{ id: string }>(
      tx,
      `insert into bulk_operation (id, organization_id, kind, parameters, selection, total, done, failed, status, actor_id, created_at)
       values (gen_random_uuid(), $1, $2, $3::jsonb, $4::jsonb, $5, 0, 0, 'queued', $6, now()) returning id`,
      [
        organizationId,
        BULK_KIND_CATALOG,
        JSON.stringify({ action, progress: { cursor: null } }),
        JSON.stringify(record),
        variantIds.length,
        scope.actor.userId,
      ],
    );
    if (!created) throw new Error("bulk_operation insert returned nothing");
    const operationId = created.id;
    const inline = variantIds.length <= BULK_INLINE_LIMIT;
    change.audit({
      action: "bulk_operation.create",
      entity: "bulk_operation",
      entityId: operationId,
      after: {
        kind: BULK_KIND_CATALOG,
        action,
        selection: selection.mode === "ids" ? "ids" : { filter: selection.filter, search: selection.search },
        total: variantIds.length,
        mode: inline ? "inline" : "job",
      },
    });
    if (inline) {
      for (;;) {
        const result = await runBulkBatch(tx, operationId);
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
    const op = await loadOperation(tx, organizationId, operationId);
    change.emit("bulk.progress", progressOf(op));
    return op;
  });
}

async function loadOperation(em: EntityManager, organizationId: string, id: string): Promise<BulkOperationSummary> {
  const [row] = await sqlRows<OperationRecord>(
    em,
    `select ${operationColumns} from ${operationFrom} where b.organization_id = $1 and b.id = $2`,
    [organizationId, id],
  );
  if (!row) throw new DomainError("NOT_FOUND", "Bulk operation not found");
  return toSummary(row);
}

/** One operation with the rows it could not change (first 1,000) and why. */
export async function getBulk(scope: OrgScope, id: string): Promise<BulkOperationDetail> {
  const organizationId = scope.actor.organizationId;
  const op = await loadOperation(scope.em, organizationId, id);
  const failures = await sqlRows<BulkOperationDetail["failures"][number]>(
    scope.em,
    `select i.variant_id as "variantId", v.sku, p.title as "productTitle", i.reason
       from bulk_operation_item i
       left join variant v on v.id = i.variant_id
       left join product p on p.id = v.product_id
      where i.organization_id = $1 and i.operation_id = $2
      order by p.title nulls last, v.sku
      limit 1000`,
    [organizationId, id],
  );
  return { ...op, failures };
}

/** Recent operations, newest first; `active` → only queued or running ones (progress after a reload). */
export async function listBulk(
  scope: OrgScope,
  options: { active?: boolean; limit?: number },
): Promise<BulkOperationSummary[]> {
  const rows = await sqlRows<OperationRecord>(
    scope.em,
    `select ${operationColumns} from ${operationFrom}
      where b.organization_id = $1 and ($2::boolean is not true or b.status in ('queued', 'running'))
      order by b.created_at desc, b.id desc limit $3`,
    [scope.actor.organizationId, options.active ?? false, options.limit ?? 20],
  );
  return rows.map(toSummary);
}

/**
 * Cancels a queued or running operation. The job sees it before its next batch (it locks the
 * operation per batch, so this waits for a batch in flight); rows already changed stay changed.
 */
export async function cancelBulk(scope: OrgScope, id: string): Promise<BulkOperationSummary> {
  const organizationId = scope.actor.organizationId;
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const before = await loadOperation(change.tx, organizationId, id);
    const [row] = await sqlRows<{ id: string }>(
      change.tx,
      `update bulk_operation set status = 'cancelled', finished_at = now()
        where organization_id = $1 and id = $2 and status in ('queued', 'running') returning id`,
      [organizationId, id],
    );
    if (!row)
      throw new DomainError(
        "CONFLICT",
        `The bulk operation has already ${before.status === "cancelled" ? "been cancelled" : "finished"}`,
      );
    const op = await loadOperation(change.tx, organizationId, id);
    change.audit({
      action: "bulk_operation.cancel",
      entity: "bulk_operation",
      entityId: id,
      before: { status: before.status, done: before.done },
      after: { status: op.status, done: op.done },
    });
    change.emit("bulk.progress", progressOf(op));
    return op;
  });
}
