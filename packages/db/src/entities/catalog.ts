import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { User } from "./auth";
import { createdAt, organization, updatedAt, uuidPrimary } from "./columns";

/**
 * The master catalog: a category tree, products and their variants (one sellable SKU each); their
 * stock lives in inventory.ts. Money is an integer count of minor units in the organization's currency.
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
    id: uuidPrimary(),
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
      // Stock health looks up the products of the 5000 variants it lists without a heap visit.
      name: "product_listing_index",
      expression: `create index "product_listing_index" on "product" ("id") include ("title", "status")`,
    },
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
    id: uuidPrimary(),
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
      // Stock health looks up the 5000 variants it lists: SKU and product without a heap visit.
      name: "variant_listing_index",
      expression: `create index "variant_listing_index" on "variant" ("id") include ("sku", "product_id")`,
    },
    // Analytics' price distribution counts variants per (product, price) off this index.
    { properties: ["organizationId", "productId", "price"] },
    {
      // Analytics' low-margin list: the variants under the threshold, in margin order.
      name: "variant_margin_index",
      expression: `create index "variant_margin_index" on "variant" ("organization_id", ((("price" - "cost"))::float8 / greatest("price", 1))) where "cost" is not null`,
    },
    {
      // On lower(sku), not sku: a trigram index on the column also answers "sku = …", and the
      // planner picks it over the unique btree for SKU lookups (seconds instead of milliseconds).
      name: "variant_sku_lower_trgm_index",
      expression: `create index "variant_sku_lower_trgm_index" on "variant" using gin (lower("sku") gin_trgm_ops)`,
    },
  ],
  properties: {
    id: uuidPrimary(),
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

export const catalogEntities = [Category, Product, Variant];
