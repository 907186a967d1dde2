import { DomainError, type FieldIssue } from "@syncstore/domain";
import type { ProductPatch, VariantPatch } from "@syncstore/domain";
import type { EntityManager } from "@syncstore/db";
import { lockCatalogRows, writeCatalogChanges, type LockedCatalogRow } from "@syncstore/services";
import { withChange } from "../../core/change";
import type { OrgScope } from "../scope";
import { fetchVariantRows, type VariantRow } from "./rows";
import { sqlRows } from "../sql";

export interface CatalogChange {
  variantId: string;
  productVersion: number;
  variantVersion: number;
  product?: ProductPatch;
  variant?: VariantPatch;
  /**
   * Compare-and-set for `variant.stockOnHand`: the on-hand quantity the grid loaded. When an order
   * (or anyone) moved the stock since, the cell comes back as a conflict and nothing is written.
   */
  expectedStockOnHand?: number;
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

function productOf(row: LockedCatalogRow): ProductState {
  return { title: row.title, brand: row.brand, status: row.status, categoryId: row.categoryId, tags: row.tags };
}

function variantOf(row: LockedCatalogRow): VariantState {
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
): Promise<Map<string, LockedCatalogRow>> {
  const rows = await lockCatalogRows(tx, organizationId, { variantIds });
  return new Map(rows.map((row) => [row.variantId, row]));
}

/**
 * Stale versions: every field the user edited on a row someone else changed since it was loaded;
 * and a stock cell whose on-hand moved since it was loaded (an order shipped, a count): that cell
 * only, since orders do not change the row's version.
 */
function findConflicts(
  changes: CatalogChange[],
  locked: Map<string, LockedCatalogRow>,
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
    } else if (
      change.variant?.stockOnHand !== undefined &&
      change.expectedStockOnHand !== undefined &&
      change.expectedStockOnHand !== (row.onHand ?? 0)
    ) {
      conflicts.push({
        variantId: row.variantId,
        field: "stockOnHand",
        yours: change.variant.stockOnHand,
        theirs: row.onHand ?? 0,
      });
    }
  }
  return conflicts;
}

interface Plan {
  products: Map<string, { before: ProductState; after: ProductState }>;
  variants: Map<string, { before: VariantState; after: VariantState }>;
  stock: Map<string, { index: number; before: number; after: number; reserved: number; expected?: number }>;
}

function plan(changes: CatalogChange[], locked: Map<string, LockedCatalogRow>): Plan {
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
        stock.set(row.variantId, {
          index,
          before: row.onHand ?? 0,
          after: onHand,
          reserved: row.reserved ?? 0,
          expected: change.expectedStockOnHand,
        });
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
    const written = await writeCatalogChanges(tx, {
      organizationId,
      actorId: scope.actor.userId,
      reason: "manual",
      sourceRef: scope.actor.requestId ? `catalog.save:${scope.actor.requestId}` : null,
      request: { ip: scope.actor.ip, userAgent: scope.actor.userAgent, requestId: scope.actor.requestId },
      products: [...work.products].map(([id, { before, after }]) => ({ id, before, after })),
      variants: [...work.variants].map(([id, { before, after }]) => ({ id, before, after })),
      stock: [...work.stock].map(([variantId, { after, before, expected }]) => ({
        variantId,
        onHand: after,
        // The rows are locked: the value read is the value the guarded statement will find.
        expected: expected ?? before,
      })),
    });
    if (written.refused.length) {
      // A refused stock cell fails the whole save (the change's transaction rolls back).
      throw DomainError.invalidFields(
        written.refused.map(({ variantId, reason, held, onHand }) => ({
          path: ["changes", work.stock.get(variantId)?.index ?? 0, "variant", "stockOnHand"],
          message:
            reason === "held"
              ? `Stock cannot go below the ${held} units reserved for orders`
              : `Stock changed to ${onHand} since the grid was loaded; reload and try again`,
        })),
      );
    }
    if (written.audit.length <= MAX_AUDIT_EVENTS) {
      for (const row of written.audit) {
        change.emit("audit.created", {
          id: row.id,
          action: row.action,
          entity: row.entity,
          entityId: row.entityId,
          actorName: scope.actor.userName,
          at: new Date(row.createdAt).toISOString(),
        });
      }
    }
    for (const alert of written.alerts) change.emit("alert.raised", alert);

    // Rows whose display changed: edited variants and every variant of an edited product.
    const affectedIds = written.affectedVariantIds;
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
