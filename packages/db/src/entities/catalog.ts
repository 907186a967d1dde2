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

/** Stock of one variant. Changed only by one guarded UPDATE that also writes an inventory_movement. */
export const StockLevel = defineEntity({
  name: "StockLevel",
  tableName: "stock_level",
  indexes: [{ properties: ["organizationId", "onHand"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization,
    variantId: () => p.manyToOne(Variant).mapToPk().fieldName("variant_id").deleteRule("cascade").unique(),
    onHand: p.integer().default(0).check("on_hand >= 0"),
    reserved: p.integer().default(0).check("reserved >= 0"),
    updatedAt: updatedAt(),
  },
});
export type StockLevel = InferEntity<typeof StockLevel>;

/** Why stock changed. The inventory issue adds its own reasons; the column is plain text. */
export const inventoryReasons = ["manual", "bulk", "import", "order", "return", "adjustment", "sync"] as const;
export type InventoryReason = (typeof inventoryReasons)[number];

/** The stock audit trail: one row per change of on_hand, with the values before and after. */
export const InventoryMovement = defineEntity({
  name: "InventoryMovement",
  tableName: "inventory_movement",
  indexes: [{ properties: ["organizationId", "variantId", "at"] }, { properties: ["organizationId", "at"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization,
    // The trail outlives the variant: deleting a variant keeps its movements (variant id cleared).
    variantId: () => p.manyToOne(Variant).mapToPk().nullable().fieldName("variant_id").deleteRule("set null"),
    delta: p.integer(),
    reason: p.string().columnType("text"),
    /** What caused it: a bulk operation id, an import id, an order id… */
    sourceRef: p.string().columnType("text").nullable(),
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

export const catalogEntities = [Category, Product, Variant, StockLevel, InventoryMovement];
