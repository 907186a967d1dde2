import { randomUUID } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { User } from "./auth";
import { createdAt, organization, updatedAt } from "./columns";

/**
 * The master catalog: a category tree, products, their variants (one sellable SKU each) and the
 * stock of each variant. Money is an integer count of minor units in the organization's currency.
 * Search indexes (pg_trgm, full text) are expression indexes; the search vector is built by the
 * immutable SQL function `catalog_search_vector(title, brand, tags)` and titles are matched through
 * `catalog_search_text(title)` (lower case, hyphens and dots removed, so "tshrit" is near "T-Shirt");
 * both functions are created by the migration and queries must use the same expressions.
 */

export const productStatuses = ["draft", "active", "archived"] as const;
export type ProductStatus = (typeof productStatuses)[number];

export const Category = defineEntity({
  name: "Category",
  tableName: "category",
  uniques: [{ properties: ["organizationId", "path"] }],
  indexes: [{ properties: ["organizationId", "parentId", "position"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization,
    parentId: () => p.manyToOne(Category).mapToPk().nullable().fieldName("parent_id").deleteRule("cascade"),
    name: p.string().columnType("text"),
    /** Names from the root, joined with " / " (denormalised for display, sorting and CSV). */
    path: p.string().columnType("text"),
    position: p.integer().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
});
export type Category = InferEntity<typeof Category>;

export const Product = defineEntity({
  name: "Product",
  tableName: "product",
  indexes: [
    { properties: ["organizationId", "title"] },
    { properties: ["organizationId", "brand"] },
    { properties: ["organizationId", "status"] },
    { properties: ["organizationId", "categoryId"] },
    { properties: ["organizationId", "updatedAt"] },
    {
      name: "product_title_trgm_index",
      expression: `create index "product_title_trgm_index" on "product" using gin (catalog_search_text("title") gin_trgm_ops)`,
    },
    {
      name: "product_brand_trgm_index",
      expression: `create index "product_brand_trgm_index" on "product" using gin ("brand" gin_trgm_ops)`,
    },
    {
      name: "product_search_index",
      expression: `create index "product_search_index" on "product" using gin (catalog_search_vector("title", "brand", "tags"))`,
    },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization,
    title: p.string().columnType("text"),
    description: p.string().columnType("text").nullable(),
    brand: p.string().columnType("text").nullable(),
    categoryId: () => p.manyToOne(Category).mapToPk().nullable().fieldName("category_id").deleteRule("set null"),
    status: p.enum(productStatuses).default("draft"),
    /** Image URLs in display order. */
    images: p.json<string[]>().default("[]"),
    attributes: p.json<Record<string, string>>().default("{}"),
    tags: p.array().columnType("text[]").default([]),
    version: p.integer().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    createdById: () => p.manyToOne(User).mapToPk().nullable().fieldName("created_by_id").deleteRule("set null"),
    updatedById: () => p.manyToOne(User).mapToPk().nullable().fieldName("updated_by_id").deleteRule("set null"),
  },
});
export type Product = InferEntity<typeof Product>;

export const Variant = defineEntity({
  name: "Variant",
  tableName: "variant",
  uniques: [{ properties: ["organizationId", "sku"] }],
  indexes: [
    { properties: ["productId", "position"] },
    { properties: ["organizationId", "price"] },
    { properties: ["organizationId", "updatedAt"] },
    {
      // On lower(sku), not sku: a trigram index on the column also answers "sku = …", and the
      // planner picks it over the unique btree for SKU lookups (seconds instead of milliseconds).
      name: "variant_sku_lower_trgm_index",
      expression: `create index "variant_sku_lower_trgm_index" on "variant" using gin (lower("sku") gin_trgm_ops)`,
    },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization,
    productId: () => p.manyToOne(Product).mapToPk().fieldName("product_id").deleteRule("cascade"),
    sku: p.string().columnType("text"),
    /** Option values, e.g. { colour: "Black", size: "M" }. */
    options: p.json<Record<string, string>>().default("{}"),
    price: p.bigint("number").default(0).check("price >= 0"),
    compareAtPrice: p.bigint("number").nullable().check("compare_at_price >= 0"),
    cost: p.bigint("number").nullable().check("cost >= 0"),
    barcode: p.string().columnType("text").nullable(),
    weightGrams: p.integer().nullable(),
    position: p.integer().default(0),
    version: p.integer().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
});
export type Variant = InferEntity<typeof Variant>;

/**
 * Stock of one variant at one location, in buckets (docs/inventory.md):
 * `available = on_hand − committed − promotion_reserved − unavailable`. Both derived columns are
 * generated by PostgreSQL and the identity is a check constraint, so no writer can break it:
 * every bucket is ≥ 0 and available is never negative. `reserved` (everything held) is what the
 * catalog's guard compares a new on-hand quantity with. Rows are changed only by `setStockLevels`
 * and `applyStockMovements` (packages/db/src/stock.ts). A row inserted without a location gets the
 * organization's default location (a trigger creates it on first use).
 */
export const StockLevel = defineEntity({
  name: "StockLevel",
  tableName: "stock_level",
  uniques: [{ properties: ["variantId", "locationId"] }],
  indexes: [{ properties: ["organizationId", "onHand"] }, { properties: ["organizationId", "available"] }],
  checks: [
    { name: "stock_level_identity_check", expression: "on_hand >= committed + promotion_reserved + unavailable" },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization,
    variantId: () => p.manyToOne(Variant).mapToPk().fieldName("variant_id").deleteRule("cascade"),
    locationId: () => p.manyToOne(StockLocation).mapToPk().fieldName("location_id").deleteRule("cascade"),
    onHand: p.integer().default(0).check("on_hand >= 0"),
    /** Units of open order lines. */
    committed: p.integer().default(0).check("committed >= 0"),
    /** Units a marketplace holds for a campaign (read back from the shop). */
    promotionReserved: p.integer().default(0).check("promotion_reserved >= 0"),
    /** Damaged units and safety stock. */
    unavailable: p.integer().default(0).check("unavailable >= 0"),
    reserved: p.integer().generated("(committed + promotion_reserved + unavailable) stored").persist(false),
    available: p.integer().generated("(on_hand - committed - promotion_reserved - unavailable) stored").persist(false),
    updatedAt: updatedAt(),
  },
});
export type StockLevel = InferEntity<typeof StockLevel>;

/** Where stock is kept. One default location per organization for now; rows carry it anyway. */
export const StockLocation = defineEntity({
  name: "StockLocation",
  tableName: "stock_location",
  indexes: [
    {
      name: "stock_location_default_unique",
      expression: `create unique index if not exists "stock_location_default_unique" on "stock_location" ("organization_id") where "is_default"`,
    },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization,
    name: p.string().columnType("text"),
    isDefault: p.boolean().default(false),
    createdAt: createdAt(),
  },
});
export type StockLocation = InferEntity<typeof StockLocation>;

/** Why stock changed (inventory_movement.reason). */
export const inventoryReasons = [
  "manual",
  "count",
  "bulk",
  "import",
  "order_committed",
  "order_released",
  "order_shipped",
  "return_restocked",
  "promotion",
  "reconciliation",
] as const;
export type InventoryReason = (typeof inventoryReasons)[number];
export const stockBuckets = ["on_hand", "committed", "promotion_reserved", "unavailable"] as const;
export type StockBucket = (typeof stockBuckets)[number];
/** What a movement refers to (`source_ref` holds its id). */
export const movementSources = [
  "order_line",
  "webhook_event",
  "bulk_operation",
  "import",
  "user",
  "connection",
] as const;
export type MovementSource = (typeof movementSources)[number];

/** The stock audit trail: one row per bucket a change touched, with the values before and after. */
export const InventoryMovement = defineEntity({
  name: "InventoryMovement",
  tableName: "inventory_movement",
  indexes: [
    { properties: ["organizationId", "variantId", "at"] },
    { properties: ["organizationId", "at"] },
    { properties: ["orderId"] },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization,
    // The trail outlives the variant: deleting a variant keeps its movements (variant id cleared).
    variantId: () => p.manyToOne(Variant).mapToPk().nullable().fieldName("variant_id").deleteRule("set null"),
    locationId: () => p.manyToOne(StockLocation).mapToPk().nullable().fieldName("location_id").deleteRule("set null"),
    bucket: p.string().columnType("text").default("on_hand"),
    delta: p.integer(),
    reason: p.string().columnType("text"),
    /** What kind of thing `source_ref` names. */
    sourceKind: p.string().columnType("text").nullable(),
    /** What caused it: an order line id, a bulk operation id, an import id… */
    sourceRef: p.string().columnType("text").nullable(),
    /** The order whose transition caused it (order movements only). */
    orderId: p.uuid().nullable(),
    /** The webhook event whose processing caused it, when one did. */
    webhookEventId: p.uuid().nullable(),
    actorId: () => p.manyToOne(User).mapToPk().nullable().fieldName("actor_id").deleteRule("set null"),
    before: p.integer(),
    after: p.integer(),
    at: p
      .datetime()
      .defaultRaw("now()")
      .onCreate(() => new Date()),
  },
});
export type InventoryMovement = InferEntity<typeof InventoryMovement>;

export const catalogEntities = [Category, Product, Variant, StockLocation, StockLevel, InventoryMovement];
