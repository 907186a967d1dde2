import { DomainError, type FieldIssue } from "@syncstore/domain";
import type { ProductPatch, VariantPatch } from "@syncstore/domain";
import { setStockLevels, type EntityManager } from "@syncstore/db";
import { checkLowStock, markCatalogForSync } from "@syncstore/services";
import { diffOf, withChange, type Change } from "../../core/change";
import type { OrgScope } from "../scope";
import { fetchVariantRows, type VariantRow } from "./rows";
import { sqlRows } from "../sql";

export interface CatalogChange {
  variantId: string;
  productVersion: number;
  variantVersion: number;
  product?: ProductPatch;
  variant?: VariantPatch;
}

export interface SaveConflict {
  variantId: string;
  field: string;
  yours: unknown;
  theirs: unknown;
  current: VariantRow;
}

export type SaveResult = { saved: number; rows: VariantRow[] } | { saved: 0; conflicts: SaveConflict[] };

/** Above this many audit rows, no per-row `audit.created` events (one `catalog.rows_changed` says it all). */
const MAX_AUDIT_EVENTS = 20;
/** Variant ids per `catalog.rows_changed` event (a uuid is ~40 bytes of the payload). */
export const ROWS_CHANGED_CHUNK = 100;

interface LockedRow {
  variantId: string;
  productId: string;
  variantVersion: number;
  productVersion: number;
  sku: string;
  price: string;
  compareAtPrice: string | null;
  cost: string | null;
  barcode: string | null;
  weightGrams: number | null;
  title: string;
  brand: string | null;
  status: string;
  categoryId: string | null;
  tags: string[];
  onHand: number | null;
  reserved: number | null;
}

interface ProductState {
  title: string;
  brand: string | null;
  status: string;
  categoryId: string | null;
  tags: string[];
}

interface VariantState {
  sku: string;
  price: number;
  compareAtPrice: number | null;
  cost: number | null;
  barcode: string | null;
  weightGrams: number | null;
}

const productFields = ["title", "brand", "status", "categoryId", "tags"] as const;
const variantFields = ["sku", "price", "compareAtPrice", "cost", "barcode", "weightGrams"] as const;

const money = (value: string | null) => (value === null ? null : Number(value));

function productOf(row: LockedRow): ProductState {
  return { title: row.title, brand: row.brand, status: row.status, categoryId: row.categoryId, tags: row.tags };
}

function variantOf(row: LockedRow): VariantState {
  return {
    sku: row.sku,
    price: Number(row.price),
    compareAtPrice: money(row.compareAtPrice),
    cost: money(row.cost),
    barcode: row.barcode,
    weightGrams: row.weightGrams,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function lockRows(
  tx: EntityManager,
  organizationId: string,
  variantIds: string[],
): Promise<Map<string, LockedRow>> {
  // Locks variants and their products in a stable order, so concurrent saves cannot deadlock.
  const rows = await sqlRows<LockedRow>(
    tx,
    `select v.id as "variantId", v.product_id as "productId", v.version as "variantVersion", p.version as "productVersion",
            v.sku, v.price::text as price, v.compare_at_price::text as "compareAtPrice", v.cost::text as cost, v.barcode,
            v.weight_grams as "weightGrams", p.title, p.brand, p.status, p.category_id as "categoryId", p.tags,
            s.on_hand as "onHand", s.reserved
       from variant v
       join product p on p.id = v.product_id and p.organization_id = v.organization_id
       left join stock_level s on s.variant_id = v.id
      where v.organization_id = $1 and v.id = any($2::uuid[])
      order by p.id, v.id
        for update of v, p`,
    [organizationId, variantIds],
  );
  return new Map(rows.map((row) => [row.variantId, row]));
}

/** Stale versions: every field the user edited on a row someone else changed since it was loaded. */
function findConflicts(
  changes: CatalogChange[],
  locked: Map<string, LockedRow>,
): { variantId: string; field: string; yours: unknown; theirs: unknown }[] {
  const conflicts: { variantId: string; field: string; yours: unknown; theirs: unknown }[] = [];
  for (const change of changes) {
    const row = locked.get(change.variantId);
    if (!row) continue;
    if (change.product && change.productVersion !== row.productVersion) {
      const theirs = productOf(row);
      for (const field of productFields) {
        if (change.product[field] !== undefined)
          conflicts.push({ variantId: row.variantId, field, yours: change.product[field], theirs: theirs[field] });
      }
    }
    if (change.variant && change.variantVersion !== row.variantVersion) {
      const theirs: VariantState & { stockOnHand: number } = { ...variantOf(row), stockOnHand: row.onHand ?? 0 };
      for (const field of [...variantFields, "stockOnHand"] as const) {
        if (change.variant[field] !== undefined)
          conflicts.push({ variantId: row.variantId, field, yours: change.variant[field], theirs: theirs[field] });
      }
    }
  }
  return conflicts;
}

interface Plan {
  products: Map<string, { before: ProductState; after: ProductState }>;
  variants: Map<string, { before: VariantState; after: VariantState }>;
  stock: Map<string, { index: number; before: number; after: number; reserved: number }>;
}

function plan(changes: CatalogChange[], locked: Map<string, LockedRow>): Plan {
  const issues: FieldIssue[] = [];
  const products: Plan["products"] = new Map();
  const productFieldSource = new Map<string, number>();
  const variants: Plan["variants"] = new Map();
  const stock: Plan["stock"] = new Map();
  changes.forEach((change, index) => {
    const row = locked.get(change.variantId);
    if (!row) return;
    if (change.product) {
      const entry = products.get(row.productId) ?? { before: productOf(row), after: productOf(row) };
      for (const field of productFields) {
        const value = change.product[field];
        if (value === undefined) continue;
        const key = `${row.productId}.${field}`;
        const earlier = productFieldSource.get(key);
        if (earlier !== undefined && !same(entry.after[field], value)) {
          issues.push({
            path: ["changes", index, "product", field],
            message: `Change ${earlier + 1} sets a different ${field} for the same product`,
          });
          continue;
        }
        productFieldSource.set(key, index);
        Object.assign(entry.after, { [field]: value });
      }
      products.set(row.productId, entry);
    }
    if (change.variant) {
      const before = variantOf(row);
      const after = { ...before };
      for (const field of variantFields) {
        const value = change.variant[field];
        if (value !== undefined) Object.assign(after, { [field]: value });
      }
      variants.set(row.variantId, { before, after });
      const onHand = change.variant.stockOnHand;
      if (onHand !== undefined && onHand !== (row.onHand ?? 0)) {
        stock.set(row.variantId, { index, before: row.onHand ?? 0, after: onHand, reserved: row.reserved ?? 0 });
      }
    }
  });
  if (issues.length) throw DomainError.invalidFields(issues);
  for (const [id, entry] of products) if (same(entry.before, entry.after)) products.delete(id);
  for (const [id, entry] of variants) if (same(entry.before, entry.after)) variants.delete(id);
  return { products, variants, stock };
}

/** Checks the database would only report as a constraint error: unknown categories, taken SKUs. */
async function validateAgainstDatabase(
  tx: EntityManager,
  organizationId: string,
  changes: CatalogChange[],
  work: Plan,
): Promise<void> {
  const issues: FieldIssue[] = [];
  const categoryIds = [...new Set(changes.flatMap((c) => (c.product?.categoryId ? [c.product.categoryId] : [])))];
  if (categoryIds.length) {
    const found = await sqlRows<{ id: string }>(
      tx,
      `select id from category where organization_id = $1 and id = any($2::uuid[])`,
      [organizationId, categoryIds],
    );
    const known = new Set(found.map((row) => row.id));
    changes.forEach((change, index) => {
      const id = change.product?.categoryId;
      if (id && !known.has(id))
        issues.push({
          path: ["changes", index, "product", "categoryId"],
          message: `Category ${id} does not exist in this organization`,
        });
    });
  }
  const skuChanges = changes.flatMap((change, index) => {
    const entry = work.variants.get(change.variantId);
    return entry && entry.before.sku !== entry.after.sku
      ? [{ index, variantId: change.variantId, sku: entry.after.sku }]
      : [];
  });
  if (skuChanges.length) {
    const seen = new Map<string, number>();
    for (const { index, sku } of skuChanges) {
      const first = seen.get(sku.toLowerCase());
      if (first !== undefined)
        issues.push({
          path: ["changes", index, "variant", "sku"],
          message: `SKU ${sku} is also used by change ${first + 1}`,
        });
      else seen.set(sku.toLowerCase(), index);
    }
    const taken = await sqlRows<{ id: string; sku: string }>(
      tx,
      `select id, sku from variant where organization_id = $1 and sku = any($2::text[])`,
      [organizationId, skuChanges.map((c) => c.sku)],
    );
    const freed = new Set(skuChanges.map((c) => c.variantId));
    const owners = new Map(taken.filter((row) => !freed.has(row.id)).map((row) => [row.sku, row.id]));
    for (const { index, sku } of skuChanges) {
      if (owners.has(sku))
        issues.push({
          path: ["changes", index, "variant", "sku"],
          message: `SKU ${sku} is already used by another variant`,
        });
    }
  }
  if (issues.length) throw DomainError.invalidFields(issues);
}

async function writeProducts(tx: EntityManager, organizationId: string, userId: string, work: Plan): Promise<void> {
  if (!work.products.size) return;
  const records = [...work.products].map(([id, { after }]) => ({
    id,
    title: after.title,
    brand: after.brand,
    status: after.status,
    category_id: after.categoryId,
    tags: after.tags,
  }));
  await sqlRows(
    tx,
    `update product p
        set title = x.title, brand = x.brand, status = x.status, category_id = x.category_id, tags = x.tags,
            version = p.version + 1, updated_at = now(), updated_by_id = $3
       from jsonb_to_recordset($2::jsonb) as x(id uuid, title text, brand text, status text, category_id uuid, tags text[])
      where p.id = x.id and p.organization_id = $1`,
    [organizationId, JSON.stringify(records), userId],
  );
}

async function writeVariants(tx: EntityManager, organizationId: string, work: Plan): Promise<void> {
  // A stock-only change still bumps the variant's version: the row a user saw has changed.
  const ids = new Set([...work.variants.keys(), ...work.stock.keys()]);
  if (!ids.size) return;
  const records = [...ids].map((id) => {
    const after = work.variants.get(id)?.after;
    return after
      ? {
          id,
          changed: true,
          sku: after.sku,
          price: after.price,
          compare_at_price: after.compareAtPrice,
          cost: after.cost,
          barcode: after.barcode,
          weight_grams: after.weightGrams,
        }
      : { id, changed: false };
  });
  // Park renamed SKUs first: the unique (organization, sku) index is checked row by row, so
  // swapping two SKUs in one statement would trip it.
  const renamed = [...work.variants].filter(([, entry]) => entry.before.sku !== entry.after.sku).map(([id]) => id);
  if (renamed.length)
    await sqlRows(tx, `update variant set sku = '~' || id::text where organization_id = $1 and id = any($2::uuid[])`, [
      organizationId,
      renamed,
    ]);
  await sqlRows(
    tx,
    `update variant v
        set sku = case when x.changed then x.sku else v.sku end,
            price = case when x.changed then x.price else v.price end,
            compare_at_price = case when x.changed then x.compare_at_price else v.compare_at_price end,
            cost = case when x.changed then x.cost else v.cost end,
            barcode = case when x.changed then x.barcode else v.barcode end,
            weight_grams = case when x.changed then x.weight_grams else v.weight_grams end,
            version = v.version + 1, updated_at = now()
       from jsonb_to_recordset($2::jsonb)
         as x(id uuid, changed boolean, sku text, price bigint, compare_at_price bigint, cost bigint, barcode text, weight_grams int)
      where v.id = x.id and v.organization_id = $1`,
    [organizationId, JSON.stringify(records)],
  );
}

/**
 * Sets on-hand quantities with one guarded statement: each stock_level row is updated once, only
 * if the new quantity covers what is reserved, and every change writes its inventory_movement
 * (before/after) in the same statement. A refused row fails the whole save.
 */
async function writeStock(tx: EntityManager, scope: OrgScope, work: Plan): Promise<void> {
  if (!work.stock.size) return;
  const moved = await setStockLevels(tx, {
    organizationId: scope.actor.organizationId,
    targets: new Map([...work.stock].map(([variantId, { after }]) => [variantId, after])),
    reason: "manual",
    sourceRef: scope.actor.requestId ? `catalog.save:${scope.actor.requestId}` : null,
    actorId: scope.actor.userId,
  });
  const done = new Set(moved.map((row) => row.variantId));
  const refused = [...work.stock].filter(([variantId]) => !done.has(variantId));
  if (refused.length) {
    throw DomainError.invalidFields(
      refused.map(([, { index, reserved }]) => ({
        path: ["changes", index, "variant", "stockOnHand"],
        message: `Stock cannot go below the ${reserved} units reserved for orders`,
      })),
    );
  }
  for (const row of moved) {
    const entry = work.stock.get(row.variantId);
    if (entry) entry.before = row.before;
  }
}

async function writeAudit(change: Change, work: Plan): Promise<number> {
  const entries: { action: string; entity: string; entity_id: string; diff: ReturnType<typeof diffOf> }[] = [];
  for (const [id, { before, after }] of work.products) {
    entries.push({
      action: "product.update",
      entity: "product",
      entity_id: id,
      diff: diffOf({ ...before }, { ...after }),
    });
  }
  const variantIds = new Set([...work.variants.keys(), ...work.stock.keys()]);
  for (const id of variantIds) {
    const fields = work.variants.get(id);
    const stock = work.stock.get(id);
    const before = { ...fields?.before, ...(stock ? { stockOnHand: stock.before } : {}) };
    const after = { ...fields?.after, ...(stock ? { stockOnHand: stock.after } : {}) };
    entries.push({ action: "variant.update", entity: "variant", entity_id: id, diff: diffOf(before, after) });
  }
  if (!entries.length) return 0;
  const { actor } = change;
  const inserted = await sqlRows<{ id: string; action: string; entity: string; entityId: string; createdAt: Date }>(
    change.tx,
    `insert into audit_log (id, organization_id, actor_id, action, entity, entity_id, diff, ip, user_agent, request_id, created_at)
     select gen_random_uuid(), $1, $2, x.action, x.entity, x.entity_id, x.diff, $3, $4, $5, now()
       from jsonb_to_recordset($6::jsonb) as x(action text, entity text, entity_id text, diff jsonb)
     returning id, action, entity, entity_id as "entityId", created_at as "createdAt"`,
    [actor.organizationId, actor.userId, actor.ip, actor.userAgent, actor.requestId, JSON.stringify(entries)],
  );
  if (inserted.length <= MAX_AUDIT_EVENTS) {
    for (const row of inserted) {
      change.emit("audit.created", {
        id: row.id,
        action: row.action,
        entity: row.entity,
        entityId: row.entityId,
        actorName: actor.userName,
        at: new Date(row.createdAt).toISOString(),
      });
    }
  }
  return entries.length;
}

/** Listings show title, status, price, compare-at price and stock: those changes are pushed. */
async function markForSync(tx: EntityManager, organizationId: string, work: Plan): Promise<void> {
  const productIds = [...work.products]
    .filter(([, { before, after }]) => before.title !== after.title || before.status !== after.status)
    .map(([id]) => id);
  const variantIds = [...work.variants]
    .filter(([, { before, after }]) => before.price !== after.price || before.compareAtPrice !== after.compareAtPrice)
    .map(([id]) => id);
  variantIds.push(...work.stock.keys());
  if (productIds.length || variantIds.length) await markCatalogForSync(tx, organizationId, { variantIds, productIds });
}

/**
 * Saves grid edits all-or-nothing: locks the rows, compares versions (any stale row → nothing is
 * written and the conflicts come back with the current rows), validates against the database,
 * then writes products, variants, stock (+ inventory movements) and audit rows set-based, bumping
 * versions. Open grids hear `catalog.rows_changed` after the commit.
 */
export async function saveCatalogChanges(scope: OrgScope, changes: CatalogChange[]): Promise<SaveResult> {
  const organizationId = scope.actor.organizationId;
  const firstIndex = new Map<string, number>();
  const duplicates: FieldIssue[] = [];
  changes.forEach((change, index) => {
    const first = firstIndex.get(change.variantId);
    if (first !== undefined)
      duplicates.push({
        path: ["changes", index, "variantId"],
        message: `The same row is already changed by change ${first + 1}`,
      });
    else firstIndex.set(change.variantId, index);
  });
  if (duplicates.length) throw DomainError.invalidFields(duplicates);

  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    const variantIds = [...firstIndex.keys()];
    const locked = await lockRows(tx, organizationId, variantIds);
    const missing = variantIds.filter((id) => !locked.has(id));
    if (missing.length) {
      throw new DomainError(
        "NOT_FOUND",
        `Variant ${missing[0]} was not found in this organization${missing.length > 1 ? ` (and ${missing.length - 1} more)` : ""}; reload the grid`,
      );
    }
    const conflicts = findConflicts(changes, locked);
    if (conflicts.length) {
      const current = new Map(
        (await fetchVariantRows(tx, organizationId, [...new Set(conflicts.map((c) => c.variantId))])).map((row) => [
          row.variantId,
          row,
        ]),
      );
      return {
        saved: 0 as const,
        conflicts: conflicts.flatMap((c) => {
          const row = current.get(c.variantId);
          return row ? [{ ...c, current: row }] : [];
        }),
      };
    }
    const work = plan(changes, locked);
    await validateAgainstDatabase(tx, organizationId, changes, work);
    await writeProducts(tx, organizationId, scope.actor.userId, work);
    await writeVariants(tx, organizationId, work);
    await writeStock(tx, scope, work);
    for (const alert of await checkLowStock(tx, organizationId, [...work.stock.keys()]))
      change.emit("alert.raised", alert);
    await writeAudit(change, work);
    await markForSync(tx, organizationId, work);

    // Rows whose display changed: edited variants and every variant of an edited product.
    const affected = await sqlRows<{ id: string }>(
      tx,
      `select id from variant where organization_id = $1 and (id = any($2::uuid[]) or product_id = any($3::uuid[]))`,
      [organizationId, [...new Set([...work.variants.keys(), ...work.stock.keys()])], [...work.products.keys()]],
    );
    const affectedIds = affected.map((row) => row.id);
    // NOTIFY payloads are small (MAX_REALTIME_PAYLOAD_BYTES): big saves go out in several events.
    const at = new Date().toISOString();
    for (let start = 0; start < affectedIds.length; start += ROWS_CHANGED_CHUNK) {
      change.emit("catalog.rows_changed", {
        variantIds: affectedIds.slice(start, start + ROWS_CHANGED_CHUNK),
        actorId: scope.actor.userId,
        at,
      });
    }
    const saved = changes.filter(
      (c) =>
        work.variants.has(c.variantId) ||
        work.stock.has(c.variantId) ||
        work.products.has(locked.get(c.variantId)?.productId ?? ""),
    ).length;
    return { saved, rows: await fetchVariantRows(tx, organizationId, affectedIds) };
  });
}
