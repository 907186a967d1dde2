import express, { type Router } from "express";
import { z } from "zod";
import { type ContentReview } from "../content-review";
import { type SimContext } from "../context";
import { type JsonObject } from "../http/raw-body";
import { type Product, type Shop } from "../store/types";
import { tiktokApi } from "./api";
import { invalid, TikTokError, tiktokCodes } from "./errors";
import { tiktokProduct, tiktokProductSummary } from "./render";

/** Limits from marketplaces.md: search pages of 1–100, at most 100 SKUs per inventory update. */
export const TIKTOK_PAGE_SIZE_MAX = 100;
export const TIKTOK_INVENTORY_SKUS_MAX = 100;
/** Docs say quantities are 1–99,999; whether 0 is accepted is unconfirmed (the simulator accepts it). */
export const TIKTOK_QUANTITY_MAX = 99_999;

const statuses = [
  "DRAFT",
  "PENDING",
  "FAILED",
  "ACTIVATE",
  "SELLER_DEACTIVATED",
  "PLATFORM_DEACTIVATED",
  "FREEZE",
  "DELETED",
] as const;
const decimalString = z.string().regex(/^\d+(\.\d{1,2})?$/, 'must be a decimal string such as "12.50"');
const quantity = z.number().int().min(0).max(TIKTOK_QUANTITY_MAX);
const inventory = z.array(z.object({ warehouse_id: z.string().min(1), quantity })).min(1);
// Trimmed: the Create Product page's own example sends "USD\n".
const price = z.object({ amount: decimalString, currency: z.string().trim().length(3) });

const createSchema = z.object({
  title: z.string().min(1).max(255),
  description: z.string().min(1).max(10_000),
  category_id: z.string().min(1),
  main_images: z
    .array(z.object({ uri: z.string().min(1) }))
    .min(1)
    .max(9),
  package_weight: z.object({ value: decimalString, unit: z.enum(["KILOGRAM", "POUND"]) }),
  skus: z
    .array(
      z.object({
        seller_sku: z.string().max(50).optional(),
        price,
        inventory,
        sales_attributes: z
          .array(z.object({ name: z.string().min(1), value_name: z.string().min(1) }))
          .max(3)
          .optional(),
      }),
    )
    .min(1)
    .max(300),
});

const partialEditSchema = z.object({
  title: z.string().min(1).max(255).optional(),
  description: z.string().min(1).max(10_000).optional(),
  main_images: z
    .array(z.object({ uri: z.string().min(1) }))
    .min(1)
    .max(9)
    .optional(),
  skus: z
    .array(
      z.object({
        id: z.string().min(1),
        seller_sku: z.string().max(50).optional(),
        price: price.optional(),
        inventory: inventory.optional(),
      }),
    )
    .optional(),
});

/** PUT products/{id}: the whole product; SKUs without `id` are created, listed SKUs missing from it are deleted. */
const fullEditSchema = createSchema.extend({
  package_weight: createSchema.shape.package_weight.optional(),
  skus: z
    .array(createSchema.shape.skus.element.extend({ id: z.string().min(1).optional() }))
    .min(1)
    .max(300),
});

const searchSchema = z.object({
  status: z.enum(["ALL", ...statuses]).optional(),
  seller_skus: z.array(z.string()).optional(),
  update_time_ge: z.number().int().optional(),
  update_time_le: z.number().int().optional(),
  create_time_ge: z.number().int().optional(),
  create_time_le: z.number().int().optional(),
});

const inventorySchema = z.object({ skus: z.array(z.object({ id: z.string().min(1), inventory })).min(1) });
const pricesSchema = z.object({
  skus: z
    .array(z.object({ id: z.string().min(1), price }))
    .min(1)
    .max(TIKTOK_INVENTORY_SKUS_MAX),
});

function parse<T>(schema: z.ZodType<T>, body: JsonObject): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw invalid(
      `Invalid request body: ${issue ? `${issue.path.join(".") || "body"} ${issue.message}` : "malformed"}.`,
    );
  }
  return result.data;
}

export function pageSizeOf(params: URLSearchParams): number {
  const raw = params.get("page_size") ?? "";
  const size = Number(raw);
  if (!/^\d+$/.test(raw) || size < 1 || size > TIKTOK_PAGE_SIZE_MAX)
    throw invalid(`page_size must be between 1 and ${TIKTOK_PAGE_SIZE_MAX}.`);
  return size;
}

export function offsetOf(params: URLSearchParams): number {
  const token = params.get("page_token");
  if (!token) return 0;
  const offset = Number(
    Buffer.from(token, "base64url")
      .toString("utf8")
      .replace(/^offset:/, ""),
  );
  if (!Number.isInteger(offset) || offset < 0) throw invalid("Invalid page_token.");
  return offset;
}

export function nextToken(offset: number, size: number, total: number): string {
  return offset + size < total ? Buffer.from(`offset:${offset + size}`).toString("base64url") : "";
}

function productOf(ctx: SimContext, shop: Shop, id: string | undefined): Product {
  const product = id ? ctx.store.findProduct(shop, id) : undefined;
  if (!product || product.status === "DELETED")
    throw new TikTokError(tiktokCodes.productNotFound, `Product ${id ?? ""} not found in this shop.`);
  return product;
}

function checkWarehouses(shop: Shop, entries: { warehouse_id: string }[]): void {
  for (const entry of entries)
    if (!shop.locations.includes(entry.warehouse_id)) throw invalid(`Unknown warehouse_id ${entry.warehouse_id}.`);
}

function checkCurrency(shop: Shop, currency: string): void {
  if (currency !== shop.currency)
    throw invalid(`Currency ${currency} does not match the shop's currency ${shop.currency}.`);
}

function skuRefs(product: Product) {
  return product.variants.map((variant) => ({
    id: variant.id,
    seller_sku: variant.sku,
    sales_attributes: [],
    external_sku_id: "",
    fees: [],
  }));
}

export function tiktokProductRoutes(ctx: SimContext, review: ContentReview): Router {
  const router = express.Router();
  const base = "/product/202309/products";

  router.post(
    `${base}/search`,
    tiktokApi(ctx, { api: "product.search", shopScoped: true }, ({ params, body, shop }) => {
      const size = pageSizeOf(params);
      const offset = offsetOf(params);
      const filter = parse(searchSchema, body);
      const matching = ctx.store
        .productsOf(shop)
        .filter((p) => (filter.status && filter.status !== "ALL" ? p.status === filter.status : p.status !== "DELETED"))
        .filter((p) => !filter.seller_skus || p.variants.some((v) => filter.seller_skus?.includes(v.sku)))
        .filter(
          (p) =>
            (filter.update_time_ge === undefined || p.updateTime >= filter.update_time_ge) &&
            (filter.update_time_le === undefined || p.updateTime <= filter.update_time_le),
        )
        .filter(
          (p) =>
            (filter.create_time_ge === undefined || p.createTime >= filter.create_time_ge) &&
            (filter.create_time_le === undefined || p.createTime <= filter.create_time_le),
        )
        .sort((a, b) => a.id.localeCompare(b.id));
      return {
        products: matching.slice(offset, offset + size).map((p) => tiktokProductSummary(shop, p)),
        total_count: matching.length,
        next_page_token: nextToken(offset, size, matching.length),
      };
    }),
  );

  router.get(
    `${base}/:id`,
    tiktokApi(ctx, { api: "product.get", shopScoped: true }, ({ req, shop }) => {
      const id = String(req.params.id);
      const product = ctx.store.findProduct(shop, id);
      if (!product) throw new TikTokError(tiktokCodes.productNotFound, `Product ${id} not found in this shop.`);
      return tiktokProduct(shop, product);
    }),
  );

  router.post(
    base,
    tiktokApi(ctx, { api: "product.create", shopScoped: true }, ({ body, shop }) => {
      const input = parse(createSchema, body);
      for (const skuInput of input.skus) {
        checkCurrency(shop, skuInput.price.currency);
        checkWarehouses(shop, skuInput.inventory);
      }
      const attributeNames = [...new Set(input.skus.flatMap((s) => (s.sales_attributes ?? []).map((a) => a.name)))];
      if (input.skus.length > 1 && attributeNames.length === 0)
        throw invalid("Products with several SKUs need sales_attributes on every SKU.");
      const tiers = attributeNames.map((name) => ({
        name,
        options: [
          ...new Set(input.skus.map((s) => s.sales_attributes?.find((a) => a.name === name)?.value_name ?? "")),
        ],
      }));
      const product = ctx.store.createProduct(shop, {
        title: input.title,
        description: input.description,
        categoryId: input.category_id,
        images: input.main_images.map((image) => image.uri),
        weight: Number(input.package_weight.value),
        tiers,
        variants: input.skus.map((s) => ({
          sku: s.seller_sku ?? "",
          price: Number(s.price.amount),
          stock: s.inventory.map((entry) => ({ locationId: entry.warehouse_id, stock: entry.quantity })),
          tierIndex: tiers.map((tier) =>
            tier.options.indexOf(s.sales_attributes?.find((a) => a.name === tier.name)?.value_name ?? ""),
          ),
        })),
      });
      // A product with tiers has hasModel set; TikTok always exposes SKUs, so the flag is only informative here.
      return { product_id: product.id, skus: skuRefs(product), warnings: [] };
    }),
  );

  const edit = (full: boolean) =>
    tiktokApi(ctx, { api: full ? "product.edit" : "product.partial_edit", shopScoped: true }, ({ req, body, shop }) => {
      const product = productOf(ctx, shop, String(req.params.id));
      const input = parse(partialEditSchema, body);
      if (full && (input.title === undefined || input.skus === undefined))
        throw invalid("A full edit (PUT) needs title and skus.");
      for (const skuInput of input.skus ?? []) {
        const variant = product.variants.find((v) => v.id === skuInput.id);
        if (!variant) throw invalid(`SKU ${skuInput.id} does not belong to product ${product.id}.`);
        if (skuInput.seller_sku !== undefined) variant.sku = skuInput.seller_sku;
        if (skuInput.price) {
          checkCurrency(shop, skuInput.price.currency);
          variant.price = Number(skuInput.price.amount);
        }
        if (skuInput.inventory) {
          checkWarehouses(shop, skuInput.inventory);
          variant.stock = skuInput.inventory.map((entry) => ({
            locationId: entry.warehouse_id,
            stock: entry.quantity,
          }));
        }
      }
      ctx.store.touch(product);
      // Content goes through TikTok's review (when the shop has it) and announces itself as OPEN_API.
      review.submit(
        shop,
        product,
        {
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.main_images !== undefined ? { images: input.main_images.map((image) => image.uri) } : {}),
        },
        "OPEN_API",
      );
      // The edit's audit: AUDITING while a content edit waits for review, APPROVED when it went live.
      const audit = product.review?.status === "AUDITING" ? "AUDITING" : "APPROVED";
      return { product_id: product.id, skus: skuRefs(product), warnings: [], audit: { status: audit } };
    });
  router.put(
    `${base}/:id`,
    tiktokApi(ctx, { api: "product.edit", shopScoped: true }, ({ req, body, shop }) => {
      const product = productOf(ctx, shop, String(req.params.id));
      const input = parse(fullEditSchema, body);
      for (const skuInput of input.skus) {
        checkCurrency(shop, skuInput.price.currency);
        checkWarehouses(shop, skuInput.inventory);
        if (skuInput.id && !product.variants.some((v) => v.id === skuInput.id))
          throw invalid(`SKU ${skuInput.id} does not belong to product ${product.id}.`);
      }
      const names = [...new Set(input.skus.flatMap((s) => (s.sales_attributes ?? []).map((a) => a.name)))];
      if (input.skus.length > 1 && names.length === 0)
        throw invalid("Products with several SKUs need sales_attributes on every SKU.");
      if (product.tiers.length > 0 && names.join("\u0000") !== product.tiers.map((t) => t.name).join("\u0000"))
        throw invalid(
          `sales_attributes must use the product's attributes: ${product.tiers.map((t) => t.name).join(", ")}.`,
        );
      const tiers = names.map((name) => {
        const held = product.tiers.find((tier) => tier.name === name)?.options ?? [];
        const values = input.skus.map((s) => s.sales_attributes?.find((a) => a.name === name)?.value_name ?? "");
        if (values.some((value) => !value)) throw invalid(`Every SKU needs a value of ${name}.`);
        return { name, options: [...held, ...new Set(values.filter((value) => !held.includes(value)))] };
      });
      const combos = new Set<string>();
      const skus = input.skus.map((s) => {
        const tierIndex = tiers.map((tier) =>
          tier.options.indexOf(s.sales_attributes?.find((a) => a.name === tier.name)?.value_name ?? ""),
        );
        const key = tierIndex.join(",");
        if (combos.has(key)) throw invalid(`Two SKUs share the sales attributes ${key}.`);
        combos.add(key);
        return { input: s, tierIndex };
      });
      product.categoryId = input.category_id;
      if (input.package_weight) product.weight = Number(input.package_weight.value);
      product.tiers = tiers;
      product.variants = skus.map(({ input: s, tierIndex }) => {
        const held = s.id ? product.variants.find((v) => v.id === s.id) : undefined;
        const stock = s.inventory.map((entry) => ({ locationId: entry.warehouse_id, stock: entry.quantity }));
        return {
          id: held?.id ?? ctx.store.nextId("tiktok.sku"),
          sku: s.seller_sku ?? held?.sku ?? "",
          price: Number(s.price.amount),
          stock,
          reserved: held?.reserved ?? 0,
          tierIndex,
        };
      });
      ctx.store.touch(product);
      review.submit(
        shop,
        product,
        {
          title: input.title,
          description: input.description,
          images: input.main_images.map((image) => image.uri),
        },
        "OPEN_API",
      );
      // The edit's audit: AUDITING while a content edit waits for review, APPROVED when it went live.
      const audit = product.review?.status === "AUDITING" ? "AUDITING" : "APPROVED";
      return { product_id: product.id, skus: skuRefs(product), warnings: [], audit: { status: audit } };
    }),
  );
  router.post(`${base}/:id/partial_edit`, edit(false));

  router.post(
    `${base}/:id/inventory/update`,
    tiktokApi(ctx, { api: "product.inventory_update", shopScoped: true }, ({ req, body, shop }) => {
      const product = productOf(ctx, shop, String(req.params.id));
      const input = parse(inventorySchema, body);
      if (input.skus.length > TIKTOK_INVENTORY_SKUS_MAX)
        throw invalid(`At most ${TIKTOK_INVENTORY_SKUS_MAX} SKUs per inventory update; got ${input.skus.length}.`);
      if (product.status !== "ACTIVATE")
        throw new TikTokError(
          tiktokCodes.productStatus,
          `Product ${product.id} is ${product.status}; inventory can only be updated on ACTIVATE products.`,
        );
      const updates = input.skus.map((entry) => {
        const variant = product.variants.find((v) => v.id === entry.id);
        if (!variant) throw invalid(`SKU ${entry.id} does not belong to product ${product.id}.`);
        checkWarehouses(shop, entry.inventory);
        const listed = new Set(entry.inventory.map((item) => item.warehouse_id));
        const missing = variant.stock.map((s) => s.locationId).filter((warehouse) => !listed.has(warehouse));
        if (missing.length > 0)
          throw invalid(`SKU ${entry.id}: list every warehouse of the SKU; missing ${missing.join(", ")}.`);
        if (listed.size !== entry.inventory.length) throw invalid(`SKU ${entry.id}: a warehouse is listed twice.`);
        return { variant, inventory: entry.inventory };
      });
      for (const { variant, inventory: entries } of updates) {
        variant.stock = entries.map((entry) => ({ locationId: entry.warehouse_id, stock: entry.quantity }));
      }
      ctx.store.touch(product);
      // Per-SKU failures would be listed here; the simulator refuses the whole call instead.
      return { errors: [] };
    }),
  );

  router.post(
    `${base}/:id/prices/update`,
    tiktokApi(ctx, { api: "product.prices_update", shopScoped: true }, ({ req, body, shop }) => {
      const product = productOf(ctx, shop, String(req.params.id));
      const input = parse(pricesSchema, body);
      const updates = input.skus.map((entry) => {
        const variant = product.variants.find((v) => v.id === entry.id);
        if (!variant) throw invalid(`SKU ${entry.id} does not belong to product ${product.id}.`);
        checkCurrency(shop, entry.price.currency);
        const value = Number(entry.price.amount);
        if (!(value > 0)) throw invalid(`SKU ${entry.id}: price amount must be greater than 0.`);
        return { variant, value };
      });
      for (const { variant, value } of updates) variant.price = value;
      ctx.store.touch(product);
      return {};
    }),
  );

  return router;
}
