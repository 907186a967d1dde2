import { DomainError } from "@syncstore/domain";
import {
  BULK_KIND_COUNT,
  CATALOG_BULK_MAX_ATTEMPTS,
  enqueue,
  runCountBatch,
  type CountParameters,
} from "@syncstore/services";
import type { BulkProgressPayload } from "@syncstore/realtime/events";
import { parse } from "csv-parse/sync";
import { withChange } from "../../core/change";
import type { OrgScope } from "../scope";
import { sqlRows } from "../sql";

/** The largest stock count file (rows after the header). */
export const COUNT_MAX_ROWS = 20_000;
/** Up to this many rows the count is applied in the request; above, the bulk job does it in batches. */
export const COUNT_INLINE_LIMIT = 200;

export interface CountPreviewRow {
  /** Line of the file (the header is line 1). */
  row: number;
  sku: string;
  variantId: string | null;
  productTitle: string | null;
  counted: number | null;
  /** On hand now (the expected value the apply compares with). */
  system: number | null;
  difference: number | null;
  /** Units held by open orders, promotions and unavailable stock (a count cannot go below). */
  held: number | null;
  error: string | null;
}

export interface CountPreview {
  rows: CountPreviewRow[];
  summary: { rows: number; valid: number; errors: number; changes: number; unitsDifference: number };
}

const skuHeaders = ["sku", "variant sku", "seller sku"];
const countHeaders = ["counted", "counted quantity", "count", "quantity", "qty", "on hand", "stock"];

/** Parses `SKU,counted` lines (a header row is optional, its columns found by name). */
export function parseCountCsv(csv: string): { line: number; sku: string; raw: string }[] {
  let records: string[][];
  try {
    records = parse(csv.replace(/^\ufeff/, ""), { skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    throw new DomainError("INVALID", `The file is not valid CSV: ${(error as Error).message}`, {
      fields: [{ path: ["csv"], message: "Not valid CSV" }],
    });
  }
  if (records.length === 0)
    throw new DomainError("INVALID", "The file is empty", {
      fields: [{ path: ["csv"], message: "The file is empty" }],
    });
  const first = records[0]!.map((cell) => cell.toLowerCase());
  let skuAt = 0;
  let countAt = 1;
  let start = 0;
  const hasHeader = first.some((cell) => skuHeaders.includes(cell));
  if (hasHeader) {
    skuAt = first.findIndex((cell) => skuHeaders.includes(cell));
    countAt = first.findIndex((cell) => countHeaders.includes(cell));
    if (countAt < 0)
      throw new DomainError("INVALID", `No counted quantity column: name one "${countHeaders.join('", "')}"`, {
        fields: [{ path: ["csv"], message: "No counted quantity column" }],
      });
    start = 1;
  }
  const lines = records.slice(start);
  if (lines.length > COUNT_MAX_ROWS)
    throw new DomainError("INVALID", `A stock count holds at most ${COUNT_MAX_ROWS.toLocaleString("en")} rows`, {
      fields: [{ path: ["csv"], message: "Too many rows" }],
    });
  return lines.map((cells, index) => ({
    line: index + start + 1,
    sku: cells[skuAt] ?? "",
    raw: cells[countAt] ?? "",
  }));
}

interface Current {
  sku: string;
  variantId: string;
  productTitle: string;
  onHand: number;
  held: number;
}

/**
 * Counted vs system vs difference for every row of a stock count, with the rows that cannot be
 * applied and why (unknown SKU, not a whole number, repeated SKU, below what open orders hold).
 * Writes nothing.
 */
export async function previewCount(scope: OrgScope, csv: string): Promise<CountPreview> {
  const lines = parseCountCsv(csv);
  const skus = [...new Set(lines.map((line) => line.sku).filter(Boolean))];
  const current = new Map(
    (
      await sqlRows<Current>(
        scope.em,
        `select v.sku, v.id::text as "variantId", p.title as "productTitle", coalesce(s.on_hand, 0)::int as "onHand",
                coalesce(s.reserved, 0)::int as held
           from variant v join product p on p.id = v.product_id
           left join stock_level s on s.variant_id = v.id
          where v.organization_id = $1 and v.sku = any($2::text[])`,
        [scope.actor.organizationId, skus],
      )
    ).map((row) => [row.sku, row]),
  );
  const seen = new Map<string, number>();
  const rows = lines.map((line): CountPreviewRow => {
    const found = current.get(line.sku);
    const counted = /^\d+$/.test(line.raw) ? Number(line.raw) : null;
    const base: CountPreviewRow = {
      row: line.line,
      sku: line.sku,
      variantId: found?.variantId ?? null,
      productTitle: found?.productTitle ?? null,
      counted,
      system: found?.onHand ?? null,
      difference: found && counted !== null ? counted - found.onHand : null,
      held: found?.held ?? null,
      error: null,
    };
    const firstLine = seen.get(line.sku);
    if (firstLine === undefined && line.sku) seen.set(line.sku, line.line);
    if (!line.sku) return { ...base, error: "The SKU is empty" };
    if (!found) return { ...base, error: `No variant has SKU ${line.sku}` };
    if (firstLine !== undefined) return { ...base, error: `SKU ${line.sku} is already counted on line ${firstLine}` };
    if (counted === null)
      return { ...base, error: `The counted quantity "${line.raw}" is not a whole number of 0 or more` };
    if (counted > 1_000_000) return { ...base, error: "The counted quantity is above 1,000,000" };
    if (counted < found.held)
      return {
        ...base,
        error: `Counted ${counted} is below the ${found.held} unit(s) held by open orders, promotions and unavailable stock`,
      };
    return base;
  });
  const valid = rows.filter((row) => row.error === null);
  return {
    rows,
    summary: {
      rows: rows.length,
      valid: valid.length,
      errors: rows.length - valid.length,
      changes: valid.filter((row) => row.difference !== 0).length,
      unitsDifference: valid.reduce((sum, row) => sum + (row.difference ?? 0), 0),
    },
  };
}

export interface CountApplyRow {
  variantId: string;
  counted: number;
  /** The system on hand the preview showed. */
  expected: number;
}

/**
 * Applies the previewed rows of a stock count as one bulk operation (kind `inventory.count`):
 * each row sets on hand to the count (reason `count`) with the previewed on hand as the expected
 * value, so a row an order moved since the preview is refused and listed, never overwritten.
 * Small counts run in the request; larger ones run as the bulk job, batch by batch, announcing
 * `bulk.progress` after each.
 */
export async function applyCount(
  scope: OrgScope,
  input: { fileName: string | null; rows: CountApplyRow[] },
): Promise<BulkProgressPayload> {
  const organizationId = scope.actor.organizationId;
  if (input.rows.length === 0) throw new DomainError("INVALID", "No counted rows to apply");
  const ids = input.rows.map((row) => row.variantId);
  if (new Set(ids).size !== ids.length) throw new DomainError("INVALID", "A variant is counted twice");
  const known = await sqlRows<{ id: string; sku: string }>(
    scope.em,
    `select id::text as id, sku from variant where organization_id = $1 and id = any($2::uuid[])`,
    [organizationId, ids],
  );
  const skus = new Map(known.map((row) => [row.id, row.sku]));
  const unknown = ids.find((id) => !skus.has(id));
  if (unknown) throw new DomainError("NOT_FOUND", `Variant ${unknown} does not exist in this organization`);
  const rows = [...input.rows]
    .sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0))
    .map((row) => ({ ...row, sku: skus.get(row.variantId) ?? "" }));
  const parameters: CountParameters = { count: { fileName: input.fileName, rows }, progress: { cursor: null } };
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    const [created] = await sqlRows<{ id: string }>(
      tx,
      `insert into bulk_operation (id, organization_id, kind, parameters, selection, total, done, failed, status, actor_id, created_at)
       values (gen_random_uuid(), $1, $2, $3::jsonb, $4::jsonb, $5, 0, 0, 'queued', $6, now()) returning id::text as id`,
      [
        organizationId,
        BULK_KIND_COUNT,
        JSON.stringify(parameters),
        JSON.stringify({ mode: "import" }),
        rows.length,
        scope.actor.userId,
      ],
    );
    if (!created) throw new Error("bulk_operation insert returned nothing");
    const operationId = created.id;
    change.audit({
      action: "inventory.count",
      entity: "bulk_operation",
      entityId: operationId,
      label: input.fileName,
      after: { rows: rows.length, mode: rows.length <= COUNT_INLINE_LIMIT ? "inline" : "job" },
    });
    let progress: BulkProgressPayload = { operationId, done: 0, failed: 0, total: rows.length, status: "queued" };
    if (rows.length <= COUNT_INLINE_LIMIT) {
      const changed: string[] = [];
      for (;;) {
        const result = await runCountBatch(tx, operationId);
        for (const alert of result.alerts) change.emit("alert.raised", alert);
        changed.push(...result.changedVariantIds);
        progress = result.progress;
        if (result.status !== "running" || result.processed === 0) break;
      }
      if (changed.length) change.emit("stock.changed", { variantIds: changed, reason: "count" });
    } else {
      await enqueue(
        tx,
        "catalog-bulk-operation",
        { operationId },
        { jobKey: `bulk-operation:${operationId}`, maxAttempts: CATALOG_BULK_MAX_ATTEMPTS },
      );
    }
    change.emit("bulk.progress", progress);
    return progress;
  });
}
