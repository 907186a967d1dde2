import { setStockLevels, type EntityManager, type MovementSource } from "@syncstore/db";
import type { AlertRaisedPayload } from "@syncstore/realtime";
import { checkLowStock } from "../alerts/low-stock";
import { sqlRows } from "./sql";
import { markCatalogForSync } from "./sync";

/**
 * The one catalog writer: "write these product/variant changes". The grid's save, the product
 * editor, the bulk engine and the CSV import decide what to change (and refuse what they must,
 * on rows they locked with `lockCatalogRows`); this module writes it, set-based, the same way for
 * all of them: product and variant fields with their versions bumped, stock through the guarded
 * `setStockLevels` (compare-and-set with the expected on-hand values the caller read), one audit
 * row per product or variant changed, the listings of every change a channel shows marked for
 * sync, and low stock checked for every variant whose stock it set (one alert per crossing), all in
 * the same transaction. The caller announces the returned alerts after the commit.
 */

/** Product columns the writer sets (only those present in `after`, and only when they differ). */
export interface ProductColumns {
  title: string;
  description: string | null;
  brand: string | null;
  status: string;
  categoryId: string | null;
  tags: string[];
  images: string[];
  attributes: Record<string, string>;
}

/** Variant columns the writer sets (only those present in `after`, and only when they differ). */
export interface VariantColumns {
  sku: string;
  options: Record<string, string>;
  price: number;
  compareAtPrice: number | null;
  cost: number | null;
  barcode: string | null;
  weightGrams: number | null;
  position: number;
}

export interface FieldsWrite<T> {
  id: string;
  before: Partial<T>;
  after: Partial<T>;
  /** Bump the version even when no field differs (the editor saved the whole product). */
  always?: boolean;
}

export interface StockWrite {
  variantId: string;
  onHand: number;
  /**
   * Compare-and-set: the on-hand quantity the caller read (the grid when the page was loaded, the
   * bulk engine and the import under their row locks). The write is refused when it differs now.
   */
  expected?: number | null;
  /** A variant created in this change: its first stock is no update (no version bump, audit or push). */
  created?: boolean;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entity_id: string;
  diff: unknown;
}

export interface CatalogWrite {
  organizationId: string;
  actorId: string | null;
  /** Stock movement reason ("manual", "bulk", "import"). */
  reason: string;
  /** The movement's and the audit row's source (`catalog.save:<request>`, `bulk_operation:<id>`). */
  sourceRef: string | null;
  sourceKind?: MovementSource | null;
  /** The request behind the change, written on the audit rows (`request_id` defaults to `sourceRef`). */
  request?: { ip: string | null; userAgent: string | null; requestId: string | null };
  products?: readonly FieldsWrite<ProductColumns>[];
  variants?: readonly FieldsWrite<VariantColumns>[];
  stock?: readonly StockWrite[];
  /** Write one audit row per product and variant changed (default), or none (the caller audits). */
  audit?: boolean;
  /** More audit rows written in the same insert (creations). */
  extraAudit?: readonly AuditEntry[];
}

export interface AuditRow {
  id: string;
  action: string;
  entity: string;
  entityId: string;
  createdAt: Date;
}

export interface CatalogWriteResult {
  /** Products whose fields changed. */
  productIds: string[];
  /** Variants whose version was bumped (fields or stock changed). */
  variantIds: string[];
  /** Stock set (before → after) per variant, including created variants. */
  stock: Map<string, { before: number; after: number }>;
  /** Stock writes refused: the on-hand moved since it was read (`stale`) or would not cover what is held. */
  refused: { variantId: string; reason: "stale" | "held"; onHand: number; held: number }[];
  audit: AuditRow[];
  /** Variants whose displayed row changed: bumped variants and every variant of a changed product. */
  affectedVariantIds: string[];
  /** Low-stock / out-of-stock alerts the stock writes raised (announce them after the commit). */
  alerts: AlertRaisedPayload[];
}

/** A variant and its product as locked by `lockCatalogRows` (money as text, as PostgreSQL gives it). */
export interface LockedCatalogRow {
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
  options: Record<string, string>;
  title: string;
  brand: string | null;
  status: string;
  categoryId: string | null;
  tags: string[];
  /** Null when the variant has no stock_level row yet (0). */
  onHand: number | null;
  reserved: number | null;
}

const lockedColumns = `v.id as "variantId", v.product_id as "productId", v.version as "variantVersion",
  p.version as "productVersion", v.sku, v.price::text as price, v.compare_at_price::text as "compareAtPrice",
  v.cost::text as cost, v.barcode, v.weight_grams as "weightGrams", v.options, p.title, p.brand, p.status,
  p.category_id as "categoryId", p.tags`;

/**
 * Locks variants (by id or by SKU) with their products, then their stock rows, always in the same
 * order (products, variants, then stock by variant), so concurrent catalog writes cannot deadlock
 * and no order can move the stock between this read and the write: the on-hand values returned
 * are the ones a compare-and-set will find.
 */
export async function lockCatalogRows(
  tx: EntityManager,
  organizationId: string,
  by: { variantIds: readonly string[] } | { skus: readonly string[] },
): Promise<LockedCatalogRow[]> {
  const bySku = "skus" in by;
  if ((bySku ? by.skus : by.variantIds).length === 0) return [];
  // By SKU: a join on unnest (one unique-index lookup per SKU); with `sku = any(…)` over thousands
  // of SKUs the planner prefers a sequential scan of every variant.
  const rows = await sqlRows<Omit<LockedCatalogRow, "onHand" | "reserved">>(
    tx,
    bySku
      ? `select ${lockedColumns}
           from unnest($2::text[]) as k(sku)
           join variant v on v.organization_id = $1 and v.sku = k.sku
           join product p on p.id = v.product_id and p.organization_id = v.organization_id
          order by p.id, v.id
            for update of v, p`
      : `select ${lockedColumns}
           from variant v
           join product p on p.id = v.product_id and p.organization_id = v.organization_id
          where v.organization_id = $1 and v.id = any($2::uuid[])
          order by p.id, v.id
            for update of v, p`,
    [organizationId, bySku ? by.skus : by.variantIds],
  );
  const stock = new Map(
    (
      await sqlRows<{ variantId: string; onHand: number; reserved: number }>(
        tx,
        `select variant_id as "variantId", on_hand as "onHand", reserved
           from stock_level where organization_id = $1 and variant_id = any($2::uuid[])
          order by variant_id for update`,
        [organizationId, rows.map((row) => row.variantId)],
      )
    ).map((row) => [row.variantId, row]),
  );
  return rows.map((row) => {
    const level = stock.get(row.variantId);
    return { ...row, onHand: level?.onHand ?? null, reserved: level?.reserved ?? null };
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The keys of `after` whose value differs from `before`, as an audit diff. */
function changesOf<T>(write: FieldsWrite<T>): Record<string, { before: unknown; after: unknown }> {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const [key, value] of Object.entries(write.after) as [keyof T & string, unknown][]) {
    if (value === undefined) continue;
    const before = write.before[key];
    if (!same(before, value)) out[key] = { before: before ?? null, after: value };
  }
  return out;
}

const productColumns: Record<keyof ProductColumns, string> = {
  title: "title",
  description: "description",
  brand: "brand",
  status: "status",
  categoryId: "category_id",
  tags: "tags",
  images: "images",
  attributes: "attributes",
};

const variantColumns: Record<keyof VariantColumns, string> = {
  sku: "sku",
  options: "options",
  price: "price",
  compareAtPrice: "compare_at_price",
  cost: "cost",
  barcode: "barcode",
  weightGrams: "weight_grams",
  position: "position",
};

/** `{ id, k: [columns to set], <column>: value… }` for jsonb_to_recordset. */
function recordOf<T>(
  id: string,
  columns: Record<keyof T & string, string>,
  diff: Record<string, { after: unknown }>,
): Record<string, unknown> {
  const record: Record<string, unknown> = { id, k: [] as string[] };
  for (const [key, { after }] of Object.entries(diff)) {
    const column = columns[key as keyof T & string];
    (record.k as string[]).push(column);
    record[column] = after;
  }
  return record;
}

const setColumn = (table: string, column: string, value = `x.${column}`) =>
  `${column} = case when '${column}' = any(x.k) then ${value} else ${table}.${column} end`;

async function writeProducts(
  tx: EntityManager,
  input: CatalogWrite,
  changed: Map<string, Record<string, { before: unknown; after: unknown }>>,
): Promise<void> {
  if (!changed.size) return;
  const records = [...changed].map(([id, diff]) => recordOf<ProductColumns>(id, productColumns, diff));
  await sqlRows(
    tx,
    `update product p
        set ${["title", "description", "brand", "status", "category_id", "tags", "images", "attributes"]
          .map((column) =>
            setColumn(
              "p",
              column,
              column === "images"
                ? `coalesce(x.images, '[]'::jsonb)`
                : column === "attributes"
                  ? `coalesce(x.attributes, '{}'::jsonb)`
                  : undefined,
            ),
          )
          .join(",\n            ")},
            version = p.version + 1, updated_at = now(), updated_by_id = $3
       from jsonb_to_recordset($2::jsonb)
         as x(id uuid, k text[], title text, description text, brand text, status text, category_id uuid, tags text[],
              images jsonb, attributes jsonb)
      where p.id = x.id and p.organization_id = $1`,
    [input.organizationId, JSON.stringify(records), input.actorId],
  );
}

async function writeVariants(
  tx: EntityManager,
  input: CatalogWrite,
  changed: Map<string, Record<string, { before: unknown; after: unknown }>>,
  stockOnly: readonly string[],
): Promise<void> {
  if (!changed.size && !stockOnly.length) return;
  // Park renamed SKUs first: the unique (organization, sku) index is checked row by row, so
  // swapping two SKUs in one statement would trip it.
  const renamed = [...changed].filter(([, diff]) => diff.sku).map(([id]) => id);
  if (renamed.length)
    await sqlRows(tx, `update variant set sku = '~' || id::text where organization_id = $1 and id = any($2::uuid[])`, [
      input.organizationId,
      renamed,
    ]);
  // A stock-only change still bumps the variant's version: the row a user saw has changed.
  const records = [
    ...[...changed].map(([id, diff]) => recordOf<VariantColumns>(id, variantColumns, diff)),
    ...stockOnly.map((id) => ({ id, k: [] })),
  ];
  await sqlRows(
    tx,
    `update variant v
        set ${["sku", "options", "price", "compare_at_price", "cost", "barcode", "weight_grams", "position"]
          .map((column) =>
            setColumn("v", column, column === "options" ? `coalesce(x.options, '{}'::jsonb)` : undefined),
          )
          .join(",\n            ")},
            version = v.version + 1, updated_at = now()
       from jsonb_to_recordset($2::jsonb)
         as x(id uuid, k text[], sku text, options jsonb, price bigint, compare_at_price bigint, cost bigint, barcode text,
              weight_grams int, position int)
      where v.id = x.id and v.organization_id = $1`,
    [input.organizationId, JSON.stringify(records)],
  );
}

/**
 * Stock first, through the one guarded statement (with the expected values as compare-and-set).
 * Returns what moved and what was refused, with the reason read back from the row.
 */
async function writeStock(
  tx: EntityManager,
  input: CatalogWrite,
): Promise<{ moved: CatalogWriteResult["stock"]; refused: CatalogWriteResult["refused"] }> {
  const stock = input.stock ?? [];
  const moved: CatalogWriteResult["stock"] = new Map();
  if (!stock.length) return { moved, refused: [] };
  const expected = new Map(
    stock.flatMap((s) => (s.expected === undefined || s.expected === null ? [] : [[s.variantId, s.expected]])),
  );
  const rows = await setStockLevels(tx, {
    organizationId: input.organizationId,
    targets: new Map(stock.map((s) => [s.variantId, s.onHand])),
    expected,
    reason: input.reason,
    sourceRef: input.sourceRef,
    sourceKind: input.sourceKind ?? null,
    actorId: input.actorId,
  });
  for (const row of rows) moved.set(row.variantId, { before: row.before, after: row.after });
  const missing = stock.filter((s) => !moved.has(s.variantId)).map((s) => s.variantId);
  if (!missing.length) return { moved, refused: [] };
  const now = await sqlRows<{ variantId: string; onHand: number; reserved: number }>(
    tx,
    `select variant_id as "variantId", on_hand as "onHand", reserved
       from stock_level where organization_id = $1 and variant_id = any($2::uuid[])`,
    [input.organizationId, missing],
  );
  const current = new Map(now.map((row) => [row.variantId, row]));
  return {
    moved,
    refused: missing.map((variantId) => {
      const row = current.get(variantId);
      const onHand = row?.onHand ?? 0;
      const wanted = expected.get(variantId);
      return {
        variantId,
        reason: wanted !== undefined && wanted !== onHand ? ("stale" as const) : ("held" as const),
        onHand,
        held: row?.reserved ?? 0,
      };
    }),
  };
}

/**
 * Writes one catalog change inside the caller's transaction (see the module comment). Stock is
 * written first: a variant whose stock write is refused gets none of its other fields written
 * either and comes back in `refused` (callers that are all-or-nothing throw to roll back).
 */
export async function writeCatalogChanges(tx: EntityManager, input: CatalogWrite): Promise<CatalogWriteResult> {
  const { moved, refused } = await writeStock(tx, input);
  const refusedIds = new Set(refused.map((r) => r.variantId));
  const createdIds = new Set((input.stock ?? []).filter((s) => s.created).map((s) => s.variantId));

  const products = new Map<string, Record<string, { before: unknown; after: unknown }>>();
  for (const write of input.products ?? []) {
    const diff = changesOf(write);
    if (Object.keys(diff).length || write.always) products.set(write.id, diff);
  }
  const variants = new Map<string, Record<string, { before: unknown; after: unknown }>>();
  for (const write of input.variants ?? []) {
    if (refusedIds.has(write.id)) continue;
    const diff = changesOf(write);
    if (Object.keys(diff).length) variants.set(write.id, diff);
  }
  const stockMoved = [...moved].filter(([id, m]) => m.before !== m.after && !createdIds.has(id)).map(([id]) => id);
  const stockOnly = stockMoved.filter((id) => !variants.has(id));

  await writeProducts(tx, input, products);
  await writeVariants(tx, input, variants, stockOnly);

  const audit: AuditEntry[] = [];
  if (input.audit !== false) {
    for (const [id, diff] of products) audit.push({ action: "product.update", entity: "product", entity_id: id, diff });
    for (const id of new Set([...variants.keys(), ...stockMoved])) {
      const stock = stockMoved.includes(id) ? moved.get(id) : undefined;
      audit.push({
        action: "variant.update",
        entity: "variant",
        entity_id: id,
        diff: { ...variants.get(id), ...(stock ? { stockOnHand: stock } : {}) },
      });
    }
  }
  audit.push(...(input.extraAudit ?? []));
  const request = input.request ?? { ip: null, userAgent: null, requestId: input.sourceRef };
  const auditRows = audit.length
    ? await sqlRows<AuditRow>(
        tx,
        `insert into audit_log (id, organization_id, actor_id, action, entity, entity_id, diff, ip, user_agent, request_id, created_at)
         select gen_random_uuid(), $1, $2, x.action, x.entity, x.entity_id, x.diff, $3, $4, $5, now()
           from jsonb_to_recordset($6::jsonb) as x(action text, entity text, entity_id text, diff jsonb)
         returning id, action, entity, entity_id as "entityId", created_at as "createdAt"`,
        [input.organizationId, input.actorId, request.ip, request.userAgent, request.requestId, JSON.stringify(audit)],
      )
    : [];

  // Channels show a product's title, description and status, a variant's price, compare-at price
  // and stock; new variants have no listing yet.
  const shownProducts = [...products]
    .filter(([, diff]) => diff.title || diff.description || diff.status)
    .map(([id]) => id);
  const shownVariants = [
    ...[...variants].filter(([, diff]) => diff.price || diff.compareAtPrice).map(([id]) => id),
    ...stockMoved,
  ];
  if (shownProducts.length || shownVariants.length)
    await markCatalogForSync(tx, input.organizationId, { productIds: shownProducts, variantIds: shownVariants });

  const bumped = [...variants.keys(), ...stockOnly];
  const affected =
    products.size || bumped.length
      ? (
          await sqlRows<{ id: string }>(
            tx,
            `select id from variant
              where organization_id = $1 and (id = any($2::uuid[]) or product_id = any($3::uuid[]))`,
            [input.organizationId, bumped, [...products.keys()]],
          )
        ).map((row) => row.id)
      : [];
  // Every stock change crosses low-stock lines like any other (a new variant's first 0 is no change).
  const stockChanged = [...moved].filter(([, m]) => m.before !== m.after).map(([id]) => id);
  const alerts = stockChanged.length ? await checkLowStock(tx, input.organizationId, stockChanged) : [];
  return {
    alerts,
    productIds: [...products.keys()],
    variantIds: bumped,
    stock: moved,
    refused,
    audit: auditRows,
    affectedVariantIds: affected,
  };
}

/** A new product's fields as `insertCatalogProduct` writes them. */
export interface NewProduct {
  title: string;
  description: string | null;
  brand: string | null;
  categoryId: string | null;
  status: string;
  tags: string[];
  images: string[];
  attributes: Record<string, string>;
}

/** A new variant's fields (money in minor units of the organization's currency). */
export type NewVariant = Omit<VariantColumns, "position">;

/**
 * Inserts one product with its variants (positions in array order, version 1) inside the caller's
 * transaction and returns their ids. The caller has checked the category and that no SKU is taken
 * (the unique index refuses a taken one all the same), sets the first stock with
 * `writeCatalogChanges` (`created: true`) and audits the creation. Used by the product editor, the
 * Unmatched screen's "Create product" and its bulk "Create products".
 */
export async function insertCatalogProduct(
  tx: EntityManager,
  input: { organizationId: string; actorId: string | null; product: NewProduct; variants: readonly NewVariant[] },
): Promise<{ productId: string; variants: { id: string; sku: string }[] }> {
  const { organizationId, product } = input;
  const [row] = await sqlRows<{ id: string }>(
    tx,
    `insert into product (id, organization_id, title, description, brand, category_id, status, images, attributes, tags,
                          version, created_at, updated_at, created_by_id, updated_by_id)
     values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::text[], 1, now(), now(), $10, $10)
     returning id`,
    [
      organizationId,
      product.title,
      product.description || null,
      product.brand || null,
      product.categoryId,
      product.status,
      JSON.stringify(product.images),
      JSON.stringify(product.attributes),
      product.tags,
      input.actorId,
    ],
  );
  if (!row) throw new Error("product insert returned nothing");
  const records = input.variants.map((v, position) => ({
    sku: v.sku,
    options: v.options,
    price: v.price,
    compare_at_price: v.compareAtPrice,
    cost: v.cost,
    barcode: v.barcode || null,
    weight_grams: v.weightGrams,
    position,
  }));
  const inserted = records.length
    ? await sqlRows<{ id: string; sku: string }>(
        tx,
        `insert into variant (id, organization_id, product_id, sku, options, price, compare_at_price, cost, barcode,
                              weight_grams, position, version, created_at, updated_at)
         select gen_random_uuid(), $1, $2, x.sku, coalesce(x.options, '{}'::jsonb), x.price, x.compare_at_price, x.cost,
                x.barcode, x.weight_grams, x.position, 1, now(), now()
           from jsonb_to_recordset($3::jsonb)
             as x(sku text, options jsonb, price bigint, compare_at_price bigint, cost bigint, barcode text,
                  weight_grams int, position int)
         returning id, sku`,
        [organizationId, row.id, JSON.stringify(records)],
      )
    : [];
  const idBySku = new Map(inserted.map((v) => [v.sku, v.id]));
  return { productId: row.id, variants: input.variants.map((v) => ({ id: idBySku.get(v.sku) ?? "", sku: v.sku })) };
}
