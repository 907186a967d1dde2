import { DomainError, type FieldIssue } from "@syncstore/domain";
import type { CreateProductInput, ProductFields, ProductVariantInput, UpdateProductInput } from "@syncstore/domain";
import { typedSql, type EntityManager } from "@syncstore/db";
import {
  insertCatalogProduct,
  markCatalogForSync,
  organizationCurrency,
  writeCatalogChanges,
} from "@syncstore/services";
import { withChange, type Change } from "../../core/change";
import type { OrgScope } from "../scope";
import type { ProductStatus } from "./rows";
import { ROWS_CHANGED_CHUNK } from "./save";
import { sqlRows } from "../sql";

export interface ProductVariantDetail {
  id: string;
  sku: string;
  options: Record<string, string>;
  price: number;
  compareAtPrice: number | null;
  cost: number | null;
  barcode: string | null;
  weightGrams: number | null;
  stockOnHand: number;
  reserved: number;
  position: number;
  version: number;
}

export interface ProductDetail {
  id: string;
  title: string;
  description: string | null;
  brand: string | null;
  categoryId: string | null;
  categoryPath: string | null;
  status: ProductStatus;
  tags: string[];
  images: string[];
  attributes: { key: string; value: string }[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
  variants: ProductVariantDetail[];
  currency: string;
}

async function loadProduct(em: EntityManager, organizationId: string, id: string, lock: boolean) {
  const db = typedSql(em);
  const productQuery = db
    .selectFrom("product as p")
    .leftJoin("category as c", "c.id", "p.category_id")
    .select([
      "p.id",
      "p.title",
      "p.description",
      "p.brand",
      "p.category_id as categoryId",
      "c.path as categoryPath",
      "p.status",
      "p.tags",
      "p.images",
      "p.attributes",
      "p.version",
      "p.created_at as createdAt",
      "p.updated_at as updatedAt",
    ])
    .where("p.organization_id", "=", organizationId)
    .where("p.id", "=", id);
  const product = await (lock ? productQuery.forUpdate("p") : productQuery).executeTakeFirst();
  if (!product) throw new DomainError("NOT_FOUND", "This product was not found in this organization");
  const variantQuery = db
    .selectFrom("variant as v")
    .leftJoin("stock_level as s", "s.variant_id", "v.id")
    .select((eb) => [
      "v.id",
      "v.sku",
      "v.options",
      "v.price",
      "v.compare_at_price as compareAtPrice",
      "v.cost",
      "v.barcode",
      "v.weight_grams as weightGrams",
      eb.fn.coalesce("s.on_hand", eb.lit(0)).as("stockOnHand"),
      eb.fn.coalesce("s.reserved", eb.lit(0)).as("reserved"),
      "v.position",
      "v.version",
    ])
    .where("v.organization_id", "=", organizationId)
    .where("v.product_id", "=", id)
    .orderBy("v.position")
    .orderBy("v.id");
  const variants: ProductVariantDetail[] = await (lock ? variantQuery.forUpdate("v") : variantQuery).execute();
  // Text and JSON columns the entities type loosely (status is text, attributes a JSON object of strings).
  const attributes = product.attributes as Record<string, string>;
  return { product: { ...product, status: product.status as ProductStatus, attributes }, variants };
}

type ProductRow = Awaited<ReturnType<typeof loadProduct>>["product"];

function toDetail(product: ProductRow, variants: ProductVariantDetail[], currency: string): ProductDetail {
  return {
    ...product,
    attributes: Object.entries(product.attributes ?? {}).map(([key, value]) => ({ key, value })),
    createdAt: new Date(product.createdAt),
    updatedAt: new Date(product.updatedAt),
    variants,
    currency,
  };
}

export async function getProduct(em: EntityManager, organizationId: string, id: string): Promise<ProductDetail> {
  const { product, variants } = await loadProduct(em, organizationId, id, false);
  return toDetail(product, variants, await organizationCurrency(em, organizationId));
}

const attributesRecord = (rows: ProductFields["attributes"]) => Object.fromEntries(rows.map((r) => [r.key, r.value]));

async function checkCategory(tx: EntityManager, organizationId: string, categoryId: string | null): Promise<void> {
  if (!categoryId) return;
  const found = await sqlRows(tx, `select 1 from category where organization_id = $1 and id = $2`, [
    organizationId,
    categoryId,
  ]);
  if (!found.length)
    throw DomainError.invalidFields([{ path: ["categoryId"], message: "This category does not exist" }]);
}

/** SKUs taken by variants of this organization other than `freed` (variants being rewritten or removed). */
async function checkSkus(
  tx: EntityManager,
  organizationId: string,
  variants: { sku: string }[],
  freed: Set<string>,
): Promise<void> {
  const taken = await sqlRows<{ id: string; sku: string }>(
    tx,
    `select id, sku from variant where organization_id = $1 and sku = any($2::text[])`,
    [organizationId, variants.map((v) => v.sku)],
  );
  const owners = new Set(taken.filter((row) => !freed.has(row.id)).map((row) => row.sku));
  const issues: FieldIssue[] = [];
  variants.forEach((variant, index) => {
    if (owners.has(variant.sku))
      issues.push({
        path: ["variants", index, "sku"],
        message: `SKU ${variant.sku} is already used by another product`,
      });
  });
  if (issues.length) throw DomainError.invalidFields(issues);
}

function variantRecord(variant: ProductVariantInput, position: number, id: string | null) {
  return {
    id,
    sku: variant.sku,
    options: variant.options,
    price: variant.price,
    compare_at_price: variant.compareAtPrice,
    cost: variant.cost,
    barcode: variant.barcode || null,
    weight_grams: variant.weightGrams,
    position,
  };
}

async function insertVariants(
  tx: EntityManager,
  organizationId: string,
  productId: string,
  records: ReturnType<typeof variantRecord>[],
): Promise<{ id: string; sku: string }[]> {
  if (!records.length) return [];
  return sqlRows<{ id: string; sku: string }>(
    tx,
    `insert into variant (id, organization_id, product_id, sku, options, price, compare_at_price, cost, barcode,
                          weight_grams, position, version, created_at, updated_at)
     select gen_random_uuid(), $1, $2, x.sku, coalesce(x.options, '{}'::jsonb), x.price, x.compare_at_price, x.cost,
            x.barcode, x.weight_grams, x.position, 1, now(), now()
       from jsonb_to_recordset($3::jsonb)
         as x(sku text, options jsonb, price bigint, compare_at_price bigint, cost bigint, barcode text,
              weight_grams int, position int)
     returning id, sku`,
    [organizationId, productId, JSON.stringify(records)],
  );
}

/**
 * The first stock of new variants, through the catalog writer (movements with reason "manual");
 * a quantity it refuses fails the whole change.
 */
async function setNewStock(
  change: Change,
  wanted: { variantId: string; onHand: number; index: number }[],
  sourceRef: string,
): Promise<void> {
  if (!wanted.length) return;
  const written = await writeCatalogChanges(change.tx, {
    organizationId: change.actor.organizationId,
    actorId: change.actor.userId,
    reason: "manual",
    sourceRef,
    audit: false,
    stock: wanted.map((w) => ({ variantId: w.variantId, onHand: w.onHand, created: true })),
  });
  const refused = new Set(written.refused.map((r) => r.variantId));
  if (refused.size)
    throw DomainError.invalidFields(
      wanted
        .filter((w) => refused.has(w.variantId))
        .map((w) => ({
          path: ["variants", w.index, "stockOnHand"],
          message: "Stock cannot go below the units reserved for orders",
        })),
    );
  for (const alert of written.alerts) change.emit("alert.raised", alert);
}

function emitRowsChanged(change: Change, variantIds: string[]): void {
  const at = new Date().toISOString();
  for (let start = 0; start < variantIds.length; start += ROWS_CHANGED_CHUNK) {
    change.emit("catalog.rows_changed", {
      variantIds: variantIds.slice(start, start + ROWS_CHANGED_CHUNK),
      actorId: change.actor.userId ?? "",
      at,
    });
  }
}

function productSnapshot(fields: ProductFields) {
  return {
    title: fields.title,
    description: fields.description,
    brand: fields.brand,
    categoryId: fields.categoryId,
    status: fields.status,
    tags: fields.tags,
    images: fields.images,
    attributes: attributesRecord(fields.attributes),
  };
}

const variantSummary = (variants: { sku: string; price: number; stockOnHand: number }[]) =>
  variants.map((v) => `${v.sku} @ ${v.price} × ${v.stockOnHand}`);

/** Creates a product with its variants and their stock in one transaction. */
export async function createProduct(scope: OrgScope, input: CreateProductInput): Promise<ProductDetail> {
  return withChange(scope.deps, scope.em, scope.actor, (change) => createProductInChange(change, input));
}

/** `createProduct` inside a change the caller owns (creating a product from channel listings). */
export async function createProductInChange(change: Change, input: CreateProductInput): Promise<ProductDetail> {
  const { organizationId } = change.actor;
  const userId = change.actor.userId;
  const tx = change.tx;
  await checkCategory(tx, organizationId, input.categoryId);
  await checkSkus(tx, organizationId, input.variants, new Set());
  const created = await insertCatalogProduct(tx, {
    organizationId,
    actorId: userId,
    product: { ...productSnapshot(input), description: input.description || null, brand: input.brand || null },
    variants: input.variants.map((v) => ({
      sku: v.sku,
      options: v.options,
      price: v.price,
      compareAtPrice: v.compareAtPrice,
      cost: v.cost,
      barcode: v.barcode || null,
      weightGrams: v.weightGrams,
    })),
  });
  const productId = created.productId;
  const ids = created.variants.map((v) => v.id);
  await setNewStock(
    change,
    input.variants.map((v, index) => ({ variantId: ids[index]!, onHand: v.stockOnHand, index })),
    `catalog.product.create:${productId}`,
  );
  change.audit({
    action: "product.create",
    entity: "product",
    entityId: productId,
    before: null,
    after: { ...productSnapshot(input), variants: variantSummary(input.variants) },
  });
  // New variants have no listing yet; marking is a no-op until one is linked, kept for one rule.
  await markCatalogForSync(tx, organizationId, { productIds: [productId] });
  emitRowsChanged(change, ids);
  const { product, variants } = await loadProduct(tx, organizationId, productId, false);
  return toDetail(product, variants, await organizationCurrency(tx, organizationId));
}

function staleMessage(what: string): DomainError {
  return new DomainError(
    "CONFLICT",
    `${what} was changed by someone else since you opened it. Reload to see the latest version, then reapply your edits.`,
  );
}

/**
 * Saves the whole editor: product fields, variants upserted by id in array order (new ones
 * inserted, `removedVariantIds` deleted), stock with movements, one audit row; a stale product or
 * variant version writes nothing and is a CONFLICT.
 */
export async function updateProduct(scope: OrgScope, input: UpdateProductInput): Promise<ProductDetail> {
  const { organizationId } = scope.actor;
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    const { product, variants: existing } = await loadProduct(tx, organizationId, input.id, true);
    if (product.version !== input.productVersion) throw staleMessage("This product");
    const byId = new Map(existing.map((v) => [v.id, v]));
    const removedIds = checkEditedVariants(input, existing, byId);
    await checkCategory(tx, organizationId, input.categoryId);
    await checkSkus(tx, organizationId, input.variants, new Set(existing.map((v) => v.id)));

    if (removedIds.length)
      await sqlRows(tx, `delete from variant where organization_id = $1 and id = any($2::uuid[])`, [
        organizationId,
        removedIds,
      ]);
    checkStaleStock(input, byId);
    await writeEditedFields(scope, change, input, product, byId);
    const ids = await insertNewVariants(change, input);
    change.audit({
      action: "product.update",
      entity: "product",
      entityId: input.id,
      before: { ...storedProductSnapshot(product), variants: variantSummary(existing) },
      after: { ...productSnapshot(input), variants: variantSummary(input.variants) },
    });
    emitRowsChanged(change, [...ids, ...removedIds]);
    const reloaded = await loadProduct(tx, organizationId, input.id, false);
    return toDetail(reloaded.product, reloaded.variants, await organizationCurrency(tx, organizationId));
  });
}

const storedProductSnapshot = (product: ProductRow) =>
  productSnapshot({
    ...product,
    attributes: Object.entries(product.attributes).map(([key, value]) => ({ key, value })),
  });

/**
 * The editor's variants against the stored ones: a stale version or a variant added meanwhile is a
 * CONFLICT, a foreign id or removing a variant with reserved units a field issue. Returns the ids removed.
 */
function checkEditedVariants(
  input: UpdateProductInput,
  existing: readonly ProductVariantDetail[],
  byId: ReadonlyMap<string, ProductVariantDetail>,
): string[] {
  const issues: FieldIssue[] = [];
  input.variants.forEach((variant, index) => {
    if (!variant.id) return;
    const current = byId.get(variant.id);
    if (!current) issues.push({ path: ["variants", index, "id"], message: "This variant is not part of the product" });
    else if (variant.version !== undefined && variant.version !== current.version)
      throw staleMessage(`Variant ${current.sku}`);
  });
  const kept = new Set(input.variants.flatMap((v) => (v.id ? [v.id] : [])));
  const removed = new Set(input.removedVariantIds);
  for (const variant of existing) {
    if (kept.has(variant.id)) continue;
    if (!removed.has(variant.id))
      throw new DomainError(
        "CONFLICT",
        `Variant ${variant.sku} was added by someone else since you opened this product. Reload to see it, then reapply your edits.`,
      );
    if (variant.reserved > 0)
      issues.push({
        path: ["removedVariantIds"],
        message: `Variant ${variant.sku} has ${variant.reserved} units reserved for orders and cannot be removed`,
      });
  }
  if (issues.length) throw DomainError.invalidFields(issues);
  return existing.filter((v) => !kept.has(v.id)).map((v) => v.id);
}

/** A stock the editor saw that has changed since (an order, another change) is a CONFLICT. */
function checkStaleStock(input: UpdateProductInput, byId: ReadonlyMap<string, ProductVariantDetail>): void {
  const stale = input.variants.find(
    (v) => v.id && v.expectedStockOnHand !== undefined && v.expectedStockOnHand !== byId.get(v.id)!.stockOnHand,
  );
  if (stale)
    throw new DomainError(
      "CONFLICT",
      `The stock of ${byId.get(stale.id!)!.sku} changed to ${byId.get(stale.id!)!.stockOnHand} since you opened this product (an order or another change). Reload to see it, then reapply your edits.`,
    );
}

/**
 * Product fields, existing variants and their stock through the catalog writer (no audit row of its
 * own: the editor writes one for the whole product); stock edits then check the low-stock lines.
 */
async function writeEditedFields(
  scope: OrgScope,
  change: Change,
  input: UpdateProductInput,
  product: ProductRow,
  byId: ReadonlyMap<string, ProductVariantDetail>,
): Promise<void> {
  const { organizationId, userId } = scope.actor;
  const stock = input.variants.flatMap((v, index) => {
    const before = v.id ? byId.get(v.id)!.stockOnHand : null;
    return v.id && before !== v.stockOnHand ? [{ variantId: v.id, onHand: v.stockOnHand, index, before }] : [];
  });
  const written = await writeCatalogChanges(change.tx, {
    organizationId,
    actorId: userId,
    reason: "manual",
    sourceRef: `catalog.product.update:${input.id}`,
    request: { ip: scope.actor.ip, userAgent: scope.actor.userAgent, requestId: scope.actor.requestId },
    // The editor's one audit row (in updateProduct) describes the whole product.
    audit: false,
    products: [
      {
        id: input.id,
        always: true,
        before: storedProductSnapshot(product),
        after: { ...productSnapshot(input), description: input.description || null, brand: input.brand || null },
      },
    ],
    variants: editedVariantWrites(input, byId),
    stock: stock.map(({ variantId, onHand, before }) => ({ variantId, onHand, expected: before })),
  });
  const refused = written.refused[0];
  if (refused) {
    const index = stock.find((s) => s.variantId === refused.variantId)?.index ?? 0;
    throw refused.reason === "held"
      ? DomainError.invalidFields([
          { path: ["variants", index, "stockOnHand"], message: "Stock cannot go below the units reserved for orders" },
        ])
      : new DomainError(
          "CONFLICT",
          `The stock of ${input.variants[index]?.sku ?? "a variant"} changed to ${refused.onHand} since you opened this product. Reload to see it, then reapply your edits.`,
        );
  }
  // Stock edits cross low-stock and out-of-stock lines like any other stock change (the writer checks).
  for (const alert of written.alerts) change.emit("alert.raised", alert);
}

/** Before and after of each existing variant the editor sends (position included). */
function editedVariantWrites(input: UpdateProductInput, byId: ReadonlyMap<string, ProductVariantDetail>) {
  return input.variants.flatMap((v, index) => {
    if (!v.id) return [];
    const before = byId.get(v.id)!;
    const record = variantRecord(v, index, v.id);
    return [
      {
        id: v.id,
        before: {
          sku: before.sku,
          options: before.options,
          price: before.price,
          compareAtPrice: before.compareAtPrice,
          cost: before.cost,
          barcode: before.barcode,
          weightGrams: before.weightGrams,
          position: before.position,
        },
        after: {
          sku: record.sku,
          options: record.options ?? {},
          price: record.price,
          compareAtPrice: record.compare_at_price,
          cost: record.cost,
          barcode: record.barcode,
          weightGrams: record.weight_grams,
          position: record.position,
        },
      },
    ];
  });
}

/**
 * New variants, inserted after the existing ones took their SKUs (a new variant may reuse a freed
 * SKU), with their stock. Returns the id of every variant of the input, in input order.
 */
async function insertNewVariants(change: Change, input: UpdateProductInput): Promise<string[]> {
  const newVariants = input.variants.flatMap((v, i) => (v.id ? [] : [{ v, i }]));
  const inserted = await insertVariants(
    change.tx,
    change.actor.organizationId,
    input.id,
    newVariants.map(({ v, i }) => variantRecord(v, i, null)),
  );
  const idBySku = new Map(inserted.map((row) => [row.sku, row.id]));
  const ids = input.variants.map((v) => v.id ?? idBySku.get(v.sku)!);
  await setNewStock(
    change,
    newVariants.map(({ v, i }) => ({ variantId: ids[i]!, onHand: v.stockOnHand, index: i })),
    `catalog.product.update:${input.id}`,
  );
  return ids;
}

export async function archiveProduct(
  scope: OrgScope,
  input: { id: string; productVersion: number },
): Promise<{ id: string; version: number }> {
  const { organizationId, userId } = scope.actor;
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const { product, variants } = await loadProduct(change.tx, organizationId, input.id, true);
    if (product.version !== input.productVersion) throw staleMessage("This product");
    const [row] = await sqlRows<{ version: number }>(
      change.tx,
      `update product set status = 'archived', version = version + 1, updated_at = now(), updated_by_id = $3
        where organization_id = $1 and id = $2 returning version`,
      [organizationId, input.id, userId],
    );
    if (product.status !== "archived") await markCatalogForSync(change.tx, organizationId, { productIds: [input.id] });
    change.audit({
      action: "product.archive",
      entity: "product",
      entityId: input.id,
      before: { status: product.status },
      after: { status: "archived" },
    });
    emitRowsChanged(
      change,
      variants.map((v) => v.id),
    );
    return { id: input.id, version: row!.version };
  });
}

const SKU_MAX = 64;

/** `base-COPY`, `base-COPY-2`… the first not in `taken`, kept within the SKU length. */
export function copySku(sku: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "-COPY" : `-COPY-${n}`;
    const candidate = `${sku.slice(0, SKU_MAX - suffix.length)}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** A draft copy titled "… (copy)" with the same variants (SKUs suffixed "-COPY", stock 0). */
export async function duplicateProduct(scope: OrgScope, id: string): Promise<ProductDetail> {
  const { organizationId, userId } = scope.actor;
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    const { product, variants } = await loadProduct(tx, organizationId, id, false);
    const fields: ProductFields = {
      title: `${product.title.slice(0, 248)} (copy)`,
      description: product.description,
      brand: product.brand,
      categoryId: product.categoryId,
      status: "draft",
      tags: product.tags,
      images: product.images,
      attributes: Object.entries(product.attributes).map(([key, value]) => ({ key, value })),
    };
    const prefixes = variants.map((v) => `${v.sku.slice(0, SKU_MAX - 10)}-COPY%`.toLowerCase());
    const existing = await sqlRows<{ sku: string }>(
      tx,
      `select sku from variant where organization_id = $1 and lower(sku) like any($2::text[])`,
      [organizationId, prefixes],
    );
    const taken = new Set(existing.map((row) => row.sku.toLowerCase()));
    const copies = variants.map((v) => {
      const sku = copySku(v.sku, taken);
      taken.add(sku.toLowerCase());
      return { ...v, sku, stockOnHand: 0 };
    });
    // The same writer as a new product: the rows, then their first stock (0) through the stock writer.
    const created = await insertCatalogProduct(tx, {
      organizationId,
      actorId: userId,
      product: { ...productSnapshot(fields), description: fields.description || null, brand: fields.brand || null },
      variants: copies.map((v) => ({
        sku: v.sku,
        options: v.options,
        price: v.price,
        compareAtPrice: v.compareAtPrice,
        cost: v.cost,
        barcode: v.barcode || null,
        weightGrams: v.weightGrams,
      })),
    });
    const productId = created.productId;
    const inserted = created.variants;
    await setNewStock(
      change,
      inserted.map((v, index) => ({ variantId: v.id, onHand: 0, index })),
      `catalog.product.duplicate:${productId}`,
    );
    // The copy's variants are new: no listing is linked to them yet (a no-op, kept for one rule).
    await markCatalogForSync(tx, organizationId, { productIds: [productId] });
    change.audit({
      action: "product.duplicate",
      entity: "product",
      entityId: productId,
      before: null,
      after: { ...productSnapshot(fields), duplicateOf: id, variants: variantSummary(copies) },
    });
    emitRowsChanged(
      change,
      inserted.map((row) => row.id),
    );
    const copy = await loadProduct(tx, organizationId, productId, false);
    return toDetail(copy.product, copy.variants, await organizationCurrency(tx, organizationId));
  });
}
