import { setStockLevels, type EntityManager } from "@syncstore/db";
import type { BulkOperationStatusValue } from "@syncstore/realtime/events";
import { z } from "zod";
import type { BulkBatchResult } from "./engine";
import { sqlRows } from "./sql";

/** `bulk_operation.kind` of a CSV import. */
export const BULK_KIND_IMPORT = "catalog.import";
/** Rows of the file per batch (one transaction each). */
export const IMPORT_BATCH_SIZE = 500;

/** One validated row of the file, as the API resolved it (category path → id) for the job. */
export const importApplyRecordSchema = z.object({
  row: z.number().int(),
  sku: z.string(),
  product: z.object({
    title: z.string().optional(),
    brand: z.string().nullable().optional(),
    status: z.enum(["draft", "active", "archived"]).optional(),
    categoryId: z.uuid().nullable().optional(),
    tags: z.array(z.string()).optional(),
  }),
  variant: z.object({
    price: z.number().int().optional(),
    compareAtPrice: z.number().int().nullable().optional(),
    cost: z.number().int().nullable().optional(),
    barcode: z.string().nullable().optional(),
    weightGrams: z.number().int().nullable().optional(),
    stockOnHand: z.number().int().optional(),
    options: z.record(z.string(), z.string()).optional(),
  }),
});
export type ImportApplyRecord = z.infer<typeof importApplyRecordSchema>;

/** `bulk_operation.parameters` of an import: where it came from and the job's cursor (rows done). */
export const importParametersSchema = z.object({
  import: z.object({ importId: z.string(), fileName: z.string().nullable(), invalidRows: z.number().int() }),
  progress: z.object({ cursor: z.number().int().nullable() }).default({ cursor: null }),
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

interface CurrentRow {
  variantId: string;
  productId: string;
  title: string;
  brand: string | null;
  status: string;
  categoryId: string | null;
  tags: string[];
  price: string;
  compareAtPrice: string | null;
  cost: string | null;
  barcode: string | null;
  weightGrams: number | null;
  options: Record<string, string>;
  onHand: number | null;
  reserved: number | null;
}

interface AuditRow {
  action: string;
  entity: string;
  entity_id: string;
  diff: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Fields of `patch` that differ from `current`, as an audit diff. */
function changes(current: Record<string, unknown>, patch: Record<string, unknown>) {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (!same(current[key], value)) out[key] = { before: current[key] ?? null, after: value };
  }
  return out;
}

export function productStateOf(row: Pick<CurrentRow, "title" | "brand" | "status" | "categoryId" | "tags">) {
  return { title: row.title, brand: row.brand, status: row.status, categoryId: row.categoryId, tags: row.tags };
}

export function variantStateOf(
  row: Pick<CurrentRow, "price" | "compareAtPrice" | "cost" | "barcode" | "weightGrams" | "options" | "onHand">,
) {
  const money = (value: string | null) => (value === null ? null : Number(value));
  return {
    price: Number(row.price),
    compareAtPrice: money(row.compareAtPrice),
    cost: money(row.cost),
    barcode: row.barcode,
    weightGrams: row.weightGrams,
    options: row.options,
    stockOnHand: row.onHand ?? 0,
  };
}

/** What an import row would change on an existing variant (used by the dry run and the job). */
export function importChanges(current: CurrentRowLike, record: ImportApplyRecord) {
  return {
    product: changes(productStateOf(current), record.product),
    variant: changes(variantStateOf(current), record.variant),
  };
}
export type CurrentRowLike = Omit<CurrentRow, "variantId" | "productId" | "reserved">;

/** Columns of the current state of variants by SKU, for `importChanges`. */
export const currentRowColumns = `v.id as "variantId", v.product_id as "productId", v.sku, p.title, p.brand, p.status,
  p.category_id as "categoryId", p.tags, v.price::text as price, v.compare_at_price::text as "compareAtPrice",
  v.cost::text as cost, v.barcode, v.weight_grams as "weightGrams", v.options, s.on_hand as "onHand", s.reserved`;
export const currentRowFrom = `variant v
  join product p on p.id = v.product_id and p.organization_id = v.organization_id
  left join stock_level s on s.variant_id = v.id`;

/**
 * The next batch of a CSV import, in the caller's transaction: for each row, an existing SKU's
 * product and variant are updated where the file differs (versions bumped), a new SKU becomes a
 * variant of the product with the row's title (created when there is none), stock goes through
 * `stock_level` with an `inventory_movement` of reason "import"; audit rows for every change.
 * Rows it cannot apply become `bulk_operation_item`s with their reason. The cursor (rows done)
 * commits with the batch, so a retried job resumes after the last committed batch.
 */
export async function runImportBatch(
  tx: EntityManager,
  operationId: string,
  batchSize = IMPORT_BATCH_SIZE,
): Promise<BulkBatchResult> {
  const [op] = await sqlRows<OperationRow>(
    tx,
    `select id, organization_id as "organizationId", status, parameters, total, done, failed, actor_id as "actorId"
       from bulk_operation where id = $1 for update`,
    [operationId],
  );
  if (!op) throw new Error(`Bulk operation ${operationId} does not exist`);
  const progressOf = (row: OperationRow, status: BulkOperationStatusValue) => ({
    operationId: row.id,
    done: row.done,
    failed: row.failed,
    total: row.total,
    status,
  });
  const idle = { changedVariantIds: [], actorId: op.actorId, organizationId: op.organizationId, processed: 0 };
  if (op.status !== "queued" && op.status !== "running")
    return { ...idle, status: op.status, progress: progressOf(op, op.status) };

  const parameters = importParametersSchema.parse(op.parameters);
  const cursor = parameters.progress.cursor ?? 0;
  const raw = await sqlRows<{ record: unknown }>(
    tx,
    `select x.record from bulk_operation b,
            jsonb_array_elements(b.selection -> 'rows') with ordinality as x(record, n)
      where b.id = $1 and x.n > $2 order by x.n limit $3`,
    [operationId, cursor, batchSize + 1],
  );
  const batch = raw.slice(0, batchSize).map((row) => importApplyRecordSchema.parse(row.record));
  const last = raw.length <= batchSize;

  const failures: { variantId: string | null; reason: string }[] = [];
  const changed = new Set<string>();
  const audit: AuditRow[] = [];
  for (const record of batch) {
    const reason = await applyRecord(tx, op, record, audit, changed);
    if (reason)
      failures.push({ variantId: reason.variantId, reason: `Row ${record.row} (${record.sku}): ${reason.reason}` });
  }

  if (audit.length) {
    await sqlRows(
      tx,
      `insert into audit_log (id, organization_id, actor_id, action, entity, entity_id, diff, ip, user_agent, request_id, created_at)
       select gen_random_uuid(), $1, $2, x.action, x.entity, x.entity_id, x.diff, null, null, $3, now()
         from jsonb_to_recordset($4::jsonb) as x(action text, entity text, entity_id text, diff jsonb)`,
      [op.organizationId, op.actorId, `bulk_operation:${op.id}`, JSON.stringify(audit)],
    );
  }
  if (failures.length) {
    await sqlRows(
      tx,
      `insert into bulk_operation_item (id, organization_id, operation_id, variant_id, reason, created_at)
       select gen_random_uuid(), $1, $2, x.variant_id, x.reason, now()
         from jsonb_to_recordset($3::jsonb) as x(variant_id uuid, reason text)
       on conflict (operation_id, variant_id) do nothing`,
      [op.organizationId, op.id, JSON.stringify(failures.map((f) => ({ variant_id: f.variantId, reason: f.reason })))],
    );
  }
  const status: BulkOperationStatusValue = last ? "succeeded" : "running";
  const [updated] = await sqlRows<OperationRow>(
    tx,
    `update bulk_operation
        set done = done + $2, failed = failed + $3,
            status = case when $4 = 'succeeded' and total > 0 and failed + $3 >= total then 'failed' else $4 end,
            parameters = jsonb_set(parameters, '{progress}', jsonb_build_object('cursor', $5::int)),
            started_at = coalesce(started_at, now()),
            finished_at = case when $4 = 'running' then null else now() end
      where id = $1
      returning id, organization_id as "organizationId", status, parameters, total, done, failed, actor_id as "actorId"`,
    [op.id, batch.length, failures.length, status, cursor + batch.length],
  );
  if (!updated) throw new Error(`Bulk operation ${operationId} vanished`);
  let changedVariantIds: string[] = [];
  if (changed.size) {
    // Every variant of a changed product shows the product's columns: all of them changed.
    changedVariantIds = (
      await sqlRows<{ id: string }>(
        tx,
        `select id from variant where organization_id = $1 and product_id in
           (select product_id from variant where organization_id = $1 and id = any($2::uuid[]))`,
        [op.organizationId, [...changed]],
      )
    ).map((row) => row.id);
  }
  return {
    status: updated.status,
    progress: progressOf(updated, updated.status),
    changedVariantIds,
    actorId: op.actorId,
    organizationId: op.organizationId,
    processed: batch.length,
  };
}

/** Applies one row; returns why not when it cannot. */
async function applyRecord(
  tx: EntityManager,
  op: OperationRow,
  record: ImportApplyRecord,
  audit: AuditRow[],
  changed: Set<string>,
): Promise<{ variantId: string | null; reason: string } | null> {
  const organizationId = op.organizationId;
  const [current] = await sqlRows<CurrentRow>(
    tx,
    `select ${currentRowColumns} from ${currentRowFrom}
      where v.organization_id = $1 and v.sku = $2
        for update of v, p`,
    [organizationId, record.sku],
  );
  const { stockOnHand, ...variantPatch } = record.variant;
  let variantId: string;
  let stockBefore = 0;
  if (current) {
    variantId = current.variantId;
    stockBefore = current.onHand ?? 0;
    const reserved = current.reserved ?? 0;
    if (stockOnHand !== undefined && stockOnHand !== stockBefore && stockOnHand < reserved)
      return { variantId, reason: `Stock cannot go below the ${reserved} units reserved for orders` };
    const diff = importChanges(current, { ...record, variant: variantPatch });
    if (Object.keys(diff.product).length) {
      const next = { ...productStateOf(current), ...record.product };
      await sqlRows(
        tx,
        `update product set title = $3, brand = $4, status = $5, category_id = $6, tags = $7::text[],
                version = version + 1, updated_at = now(), updated_by_id = $8
          where organization_id = $1 and id = $2`,
        [
          organizationId,
          current.productId,
          next.title,
          next.brand,
          next.status,
          next.categoryId,
          next.tags,
          op.actorId,
        ],
      );
      audit.push({ action: "product.update", entity: "product", entity_id: current.productId, diff: diff.product });
      changed.add(variantId);
    }
    if (Object.keys(diff.variant).length) {
      const next = { ...variantStateOf(current), ...variantPatch };
      await sqlRows(
        tx,
        `update variant set price = $3, compare_at_price = $4, cost = $5, barcode = $6, weight_grams = $7,
                options = $8::jsonb, version = version + 1, updated_at = now()
          where organization_id = $1 and id = $2`,
        [
          organizationId,
          variantId,
          next.price,
          next.compareAtPrice,
          next.cost,
          next.barcode,
          next.weightGrams,
          JSON.stringify(next.options),
        ],
      );
      audit.push({ action: "variant.update", entity: "variant", entity_id: variantId, diff: diff.variant });
      changed.add(variantId);
    }
  } else {
    const title = record.product.title;
    if (!title) return { variantId: null, reason: "A new SKU needs a title to create or find its product" };
    let [product] = await sqlRows<{ id: string }>(
      tx,
      `select id from product where organization_id = $1 and title = $2 order by created_at, id limit 1 for update`,
      [organizationId, title],
    );
    if (!product) {
      [product] = await sqlRows<{ id: string }>(
        tx,
        `insert into product (id, organization_id, title, brand, status, category_id, tags, version, created_at, updated_at, created_by_id, updated_by_id)
         values (gen_random_uuid(), $1, $2, $3, $4, $5, $6::text[], 1, now(), now(), $7, $7) returning id`,
        [
          organizationId,
          title,
          record.product.brand ?? null,
          record.product.status ?? "draft",
          record.product.categoryId ?? null,
          record.product.tags ?? [],
          op.actorId,
        ],
      );
      if (!product) throw new Error("product insert returned nothing");
      audit.push({
        action: "product.create",
        entity: "product",
        entity_id: product.id,
        diff: { after: record.product },
      });
    }
    const [created] = await sqlRows<{ id: string }>(
      tx,
      `insert into variant (id, organization_id, product_id, sku, options, price, compare_at_price, cost, barcode, weight_grams, position, version, created_at, updated_at)
       values (gen_random_uuid(), $1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9,
               (select coalesce(max(position) + 1, 0) from variant where product_id = $2), 1, now(), now())
       returning id`,
      [
        organizationId,
        product.id,
        record.sku,
        JSON.stringify(variantPatch.options ?? {}),
        variantPatch.price ?? 0,
        variantPatch.compareAtPrice ?? null,
        variantPatch.cost ?? null,
        variantPatch.barcode ?? null,
        variantPatch.weightGrams ?? null,
      ],
    );
    if (!created) throw new Error("variant insert returned nothing");
    variantId = created.id;
    audit.push({
      action: "variant.create",
      entity: "variant",
      entity_id: variantId,
      diff: { after: { sku: record.sku, ...variantPatch } },
    });
    changed.add(variantId);
  }

  if (stockOnHand !== undefined && (stockOnHand !== stockBefore || !current)) {
    const [moved] = await setStockLevels(tx, {
      organizationId,
      targets: new Map([[variantId, stockOnHand]]),
      reason: "import",
      sourceRef: `bulk_operation:${op.id}`,
      actorId: op.actorId,
    });
    // The reservation check above ran before the row lock; an order that reserved in between
    // makes the guarded statement refuse. Roll the batch back: the job retries from its cursor.
    if (!moved) throw new Error(`Stock of ${record.sku} would go below the units now reserved for orders`);
    if (moved.after !== moved.before) {
      if (current) {
        await sqlRows(tx, `update variant set version = version + 1, updated_at = now() where id = $1`, [variantId]);
        audit.push({
          action: "variant.update",
          entity: "variant",
          entity_id: variantId,
          diff: { stockOnHand: { before: stockBefore, after: stockOnHand } },
        });
      }
      changed.add(variantId);
    }
  }
  return null;
}
