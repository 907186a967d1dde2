import express, { type Router } from "express";
import { type SimContext } from "../context";
import { type JsonObject } from "../http/raw-body";
import { shopeePriceDecimals } from "../store/regions";
import { totalStock } from "../store/store";
import { type Product, type Shop, type Tier, type Variant } from "../store/types";
import { shopeeShopApi } from "./api";
import { ShopeeError } from "./errors";
import { arrayValue, intValue, listParam, numberValue, objectValue, requiredInt, stringValue } from "./params";
import { shopeeItem, shopeeModelList, shopeeSavedItem } from "./render";

/** Batch limits from marketplaces.md. */
export const SHOPEE_PAGE_SIZE_MAX = 100;
export const SHOPEE_BASE_INFO_MAX = 50;
export const SHOPEE_PRICE_STOCK_BATCH_MAX = 50;

const itemStatuses = new Set(["NORMAL", "BANNED", "UNLIST", "REVIEWING", "SELLER_DELETE", "SHOPEE_DELETE"]);
const deleted = new Set(["SELLER_DELETE", "SHOPEE_DELETE"]);

function editableItem(ctx: SimContext, shop: Shop, body: JsonObject): Product {
  const itemId = requiredInt(body, "item_id", { min: 1 });
  const product = ctx.store.findProduct(shop, String(itemId));
  if (!product || deleted.has(product.status))
    throw new ShopeeError("error_item_not_found", `Item ${itemId} not found.`);
  if (product.status === "BANNED")
    throw new ShopeeError("error_param", `Item ${itemId} is BANNED and cannot be edited.`);
  return product;
}

function checkPrice(shop: Shop, price: number): string | undefined {
  if (!(price > 0)) return "original_price must be greater than 0.";
  const decimals = shopeePriceDecimals(shop.region);
  // Compare against the decimal text, not `price * 10 ** decimals` (20.07 * 100 is 2006.9999…).
  if (Math.abs(Number(price.toFixed(decimals)) - price) > Number.EPSILON * Math.max(1, price)) {
    return decimals === 0
      ? `Prices in ${shop.region} must be integers.`
      : `Prices in ${shop.region} have at most 2 decimals.`;
  }
  return undefined;
}

function sellerStock(entry: JsonObject, shop: Shop, what: string): { locationId: string; stock: number }[] {
  const list = arrayValue(entry, "seller_stock", { min: 1 });
  return list.map((raw) => {
    const item = objectValue(raw, `${what}.seller_stock[]`);
    const stock = intValue(item, "stock", { required: true, min: 0 }) ?? 0;
    const locationId = stringValue(item, "location_id") ?? shop.locations[0] ?? "";
    if (!shop.locations.includes(locationId))
      throw new ShopeeError("error_param", `Unknown location_id ${locationId}.`);
    return { locationId, stock };
  });
}

/**
 * The tier variations of init_tier_variation: the older `tier_variation` (name, option_list[].option,
 * option_list[].image.image_id) or the newer `standardise_tier_variation` (variation_name,
 * variation_option_list[].variation_option_name and image_id) that the page's own example sends.
 */
function tiersOf(body: JsonObject): Tier[] {
  const standard = body.standardise_tier_variation !== undefined && body.tier_variation === undefined;
  const list = standard ? "standardise_tier_variation" : "tier_variation";
  return arrayValue(body, list, { min: 1, max: 2 }).map((raw) => {
    const tier = objectValue(raw, `${list}[]`);
    const options = arrayValue(tier, standard ? "variation_option_list" : "option_list", { min: 1, max: 50 }).map(
      (entry) => {
        const option = objectValue(entry, standard ? "variation_option_list[]" : "option_list[]");
        const image = standard
          ? stringValue(option, "image_id")
          : option.image === undefined
            ? undefined
            : stringValue(objectValue(option.image, "option_list[].image"), "image_id");
        return {
          name: stringValue(option, standard ? "variation_option_name" : "option", { required: true }) ?? "",
          image: image ?? "",
        };
      },
    );
    const name = stringValue(tier, standard ? "variation_name" : "name", { required: true, max: 20 }) ?? "";
    return {
      name,
      options: options.map((option) => option.name),
      ...(options.some((option) => option.image) ? { images: options.map((option) => option.image) } : {}),
    };
  });
}

export function shopeeProductRoutes(ctx: SimContext): Router {
  const router = express.Router();
  const base = "/api/v2/product";

  router.get(
    `${base}/get_item_list`,
    shopeeShopApi(ctx, "product.get_item_list", ({ params, shop }) => {
      const offset = intValue(params, "offset", { min: 0 }) ?? 0;
      const pageSize = intValue(params, "page_size", { required: true, min: 1, max: SHOPEE_PAGE_SIZE_MAX }) ?? 0;
      const statuses = listParam(params, "item_status");
      if (statuses.length === 0) throw new ShopeeError("error_param", "item_status is required.");
      const unknown = statuses.find((status) => !itemStatuses.has(status));
      if (unknown) throw new ShopeeError("error_param", `Invalid item_status ${unknown}.`);
      const from = intValue(params, "update_time_from");
      const to = intValue(params, "update_time_to");
      const matching = ctx.store
        .productsOf(shop)
        .filter(
          (p) =>
            statuses.includes(p.status) &&
            (from === undefined || p.updateTime >= from) &&
            (to === undefined || p.updateTime <= to),
        )
        .sort((a, b) => Number(a.id) - Number(b.id));
      const page = matching.slice(offset, offset + pageSize);
      const hasNext = offset + pageSize < matching.length;
      return {
        response: {
          item: page.map((p) => ({ item_id: Number(p.id), item_status: p.status, update_time: p.updateTime })),
          total_count: matching.length,
          has_next_page: hasNext,
          next_offset: hasNext ? offset + pageSize : matching.length,
        },
      };
    }),
  );

  router.get(
    `${base}/get_item_base_info`,
    shopeeShopApi(ctx, "product.get_item_base_info", ({ params, shop }) => {
      const ids = listParam(params, "item_id_list");
      if (ids.length === 0) throw new ShopeeError("error_param", "item_id_list is required.");
      if (ids.length > SHOPEE_BASE_INFO_MAX)
        throw new ShopeeError(
          "error_param",
          `item_id_list accepts at most ${SHOPEE_BASE_INFO_MAX} ids; got ${ids.length}.`,
        );
      const bad = ids.find((id) => !/^\d+$/.test(id));
      if (bad) throw new ShopeeError("error_param", `Invalid item_id ${bad}.`);
      const found = ids.map((id) => ctx.store.findProduct(shop, id)).filter((p): p is Product => p !== undefined);
      const missing = ids.filter((id) => !ctx.store.findProduct(shop, id));
      return {
        response: { item_list: found.map((p) => shopeeItem(shop, p)) },
        ...(missing.length > 0 ? { warning: `Items not found: ${missing.join(",")}` } : {}),
      };
    }),
  );

  router.get(
    `${base}/get_model_list`,
    shopeeShopApi(ctx, "product.get_model_list", ({ params, shop }) => {
      const itemId = intValue(params, "item_id", { required: true, min: 1 }) ?? 0;
      const product = ctx.store.findProduct(shop, String(itemId));
      if (!product) throw new ShopeeError("error_item_not_found", `Item ${itemId} not found.`);
      return { response: shopeeModelList(shop, product) };
    }),
  );

  router.post(
    `${base}/update_price`,
    shopeeShopApi(ctx, "product.update_price", ({ body, shop }) => {
      const product = editableItem(ctx, shop, body);
      const list = arrayValue(body, "price_list", { min: 1, max: SHOPEE_PRICE_STOCK_BATCH_MAX });
      const entries = list.map((raw) => {
        const entry = objectValue(raw, "price_list[]");
        return {
          modelId: intValue(entry, "model_id", { min: 0 }) ?? 0,
          price: numberValue(entry, "original_price", { required: true }) ?? 0,
        };
      });
      if (product.hasModel && entries.some((entry) => entry.modelId === 0)) {
        throw new ShopeeError(
          "error_edit_item_price_for_item_has_model",
          `Item ${product.id} has models; update the price of each model_id instead.`,
        );
      }
      const success: { model_id: number; original_price: number }[] = [];
      const failure: { model_id: number; failed_reason: string }[] = [];
      for (const entry of entries) {
        const variant = product.variants.find((v) => v.id === String(entry.modelId));
        const problem = !variant
          ? `model_id ${entry.modelId} does not belong to item ${product.id}.`
          : checkPrice(shop, entry.price);
        if (problem || !variant) {
          failure.push({ model_id: entry.modelId, failed_reason: problem ?? "invalid model" });
          continue;
        }
        variant.price = entry.price;
        success.push({ model_id: entry.modelId, original_price: entry.price });
      }
      if (success.length > 0) ctx.store.touch(product);
      return { response: { success_list: success, failure_list: failure } };
    }),
  );

  router.post(
    `${base}/update_stock`,
    shopeeShopApi(ctx, "product.update_stock", ({ body, shop }) => {
      const product = editableItem(ctx, shop, body);
      const list = arrayValue(body, "stock_list", { min: 1, max: SHOPEE_PRICE_STOCK_BATCH_MAX });
      const success: { model_id: number; location_id: string; stock: number }[] = [];
      const failure: { model_id: number; failed_reason: string }[] = [];
      for (const raw of list) {
        const entry = objectValue(raw, "stock_list[]");
        const modelId = intValue(entry, "model_id", { min: 0 }) ?? 0;
        const stock = sellerStock(entry, shop, "stock_list[]");
        const variant = product.variants.find((v) => v.id === String(modelId));
        if (!variant) {
          failure.push({
            model_id: modelId,
            failed_reason:
              product.hasModel && modelId === 0
                ? "Item has models; give a model_id."
                : `model_id ${modelId} does not belong to item ${product.id}.`,
          });
          continue;
        }
        const next: Variant["stock"] = variant.stock.map((existing) => ({ ...existing }));
        for (const update of stock) {
          const slot = next.find((entry2) => entry2.locationId === update.locationId);
          if (slot) slot.stock = update.stock;
          else next.push({ ...update });
        }
        const total = next.reduce((sum, entry2) => sum + entry2.stock, 0);
        if (total < variant.reserved) {
          failure.push({
            model_id: modelId,
            failed_reason: `Stock ${total} is below the reserved stock ${variant.reserved}.`,
          });
          continue;
        }
        variant.stock = next;
        for (const update of stock)
          success.push({ model_id: modelId, location_id: update.locationId, stock: update.stock });
      }
      if (success.length > 0) ctx.store.touch(product);
      return { response: { success_list: success, failure_list: failure } };
    }),
  );

  router.post(
    `${base}/add_item`,
    shopeeShopApi(ctx, "product.add_item", ({ body, shop }) => {
      const name = stringValue(body, "item_name", { required: true, max: 120 }) ?? "";
      const description = stringValue(body, "description", { required: true, max: 5000 }) ?? "";
      const price = numberValue(body, "original_price", { required: true }) ?? 0;
      const priceProblem = checkPrice(shop, price);
      if (priceProblem) throw new ShopeeError("error_param", priceProblem);
      const weight = numberValue(body, "weight", { required: true }) ?? 0;
      if (!(weight > 0)) throw new ShopeeError("error_param", "weight must be greater than 0 (kg).");
      const categoryId = requiredInt(body, "category_id", { min: 1 });
      const image = objectValue(body.image, "image");
      const imageIds = arrayValue(image, "image_id_list", { min: 1, max: 9 }).map(String);
      arrayValue(body, "logistic_info", { min: 1 });
      const stock = sellerStock(body, shop, "seller_stock");
      const product = ctx.store.createProduct(shop, {
        title: name,
        description,
        sku: stringValue(body, "item_sku") ?? "",
        categoryId: String(categoryId),
        images: imageIds,
        weight,
        variants: [{ sku: stringValue(body, "item_sku") ?? "", price, stock }],
      });
      return {
        response: {
          ...shopeeSavedItem(shop, product),
          seller_stock: stock.map((s) => ({ location_id: s.locationId, stock: s.stock })),
        },
      };
    }),
  );

  router.post(
    `${base}/update_item`,
    shopeeShopApi(ctx, "product.update_item", ({ body, shop }) => {
      const product = editableItem(ctx, shop, body);
      for (const forbidden of ["original_price", "price_info", "seller_stock", "stock_info", "normal_stock"]) {
        if (body[forbidden] !== undefined)
          throw new ShopeeError(
            "error_param",
            `${forbidden} cannot be changed by update_item; use update_price or update_stock.`,
          );
      }
      const name = stringValue(body, "item_name", { max: 120 });
      const description = stringValue(body, "description", { max: 5000 });
      const sku = stringValue(body, "item_sku");
      const weight = numberValue(body, "weight");
      const status = stringValue(body, "item_status");
      if (name !== undefined) {
        if (name.trim() === "") throw new ShopeeError("error_param", "item_name must not be empty.");
        product.title = name;
      }
      if (description !== undefined) product.description = description;
      if (sku !== undefined) product.sku = sku;
      if (weight !== undefined) {
        if (!(weight > 0)) throw new ShopeeError("error_param", "weight must be greater than 0 (kg).");
        product.weight = weight;
      }
      if (status !== undefined) {
        if (status !== "NORMAL" && status !== "UNLIST")
          throw new ShopeeError("error_param", "item_status can only be NORMAL or UNLIST.");
        product.status = status;
      }
      ctx.store.touch(product);
      return { response: shopeeSavedItem(shop, product) };
    }),
  );

  router.post(
    `${base}/init_tier_variation`,
    shopeeShopApi(ctx, "product.init_tier_variation", ({ body, shop }) => {
      const product = editableItem(ctx, shop, body);
      if (product.hasModel) throw new ShopeeError("error_param", `Item ${product.id} already has tier variations.`);
      const tiers = tiersOf(body);
      const models = arrayValue(body, "model", { min: 1 }).map((raw) => {
        const model = objectValue(raw, "model[]");
        const tierIndex = arrayValue(model, "tier_index", { min: tiers.length, max: tiers.length }).map((value, i) => {
          if (
            typeof value !== "number" ||
            !Number.isInteger(value) ||
            value < 0 ||
            value >= (tiers[i]?.options.length ?? 0)
          ) {
            throw new ShopeeError("error_param", "tier_index points outside option_list.");
          }
          return value;
        });
        const price = numberValue(model, "original_price", { required: true }) ?? 0;
        const problem = checkPrice(shop, price);
        if (problem) throw new ShopeeError("error_param", problem);
        return {
          sku: stringValue(model, "model_sku") ?? "",
          price,
          stock: sellerStock(model, shop, "model[]"),
          tierIndex,
        };
      });
      const keys = new Set(models.map((model) => model.tierIndex.join(",")));
      if (keys.size !== models.length) throw new ShopeeError("error_param", "Two models share the same tier_index.");
      product.hasModel = true;
      product.tiers = tiers;
      product.variants = models.map((model) => ({
        id: ctx.store.nextId("shopee.model"),
        sku: model.sku,
        price: model.price,
        stock: model.stock,
        reserved: 0,
        tierIndex: model.tierIndex,
      }));
      ctx.store.touch(product);
      return {
        response: {
          item_id: Number(product.id),
          tier_variation: shopeeModelList(shop, product).tier_variation,
          model: product.variants.map((v) => ({
            model_id: Number(v.id),
            model_sku: v.sku,
            tier_index: v.tierIndex,
            stock: totalStock(v),
            price_info: [{ original_price: v.price }],
            seller_stock: v.stock.map((entry) => ({ location_id: entry.locationId, stock: entry.stock })),
            weight: product.weight,
          })),
        },
      };
    }),
  );

  /*
   * Adding models to an item that has tier variations: new option values are appended to the tier
   * lists first (update_tier_variation; existing options keep their place, so existing models keep
   * their tier_index), then add_model creates the models.
   */
  router.post(
    `${base}/update_tier_variation`,
    shopeeShopApi(ctx, "product.update_tier_variation", ({ body, shop }) => {
      const product = editableItem(ctx, shop, body);
      if (!product.hasModel)
        throw new ShopeeError("error_param", `Item ${product.id} has no tier variations; use init_tier_variation.`);
      const tiers = tiersOf(body);
      for (const tier of tiers) {
        if (tier.options.some((option) => option.length > 20))
          throw new ShopeeError("error_param", "An option has at most 20 characters.");
        if (new Set(tier.options).size !== tier.options.length)
          throw new ShopeeError("error_param", "option_list has duplicate options.");
      }
      if (tiers.length !== product.tiers.length)
        throw new ShopeeError(
          "error_param",
          `Item ${product.id} has ${product.tiers.length} tier variations; change the structure with init_tier_variation.`,
        );
      if (body.model_list !== undefined) {
        /*
         * model_list places existing models on the new options (Shopee's developer guide, "API Best
         * Practices > Variant management": insert, reorder, rename or delete options); models it
         * leaves out are deleted with their options.
         */
        const seenModels = new Set<string>();
        const seenIndexes = new Set<string>();
        const placed = arrayValue(body, "model_list", { min: 1 }).map((raw) => {
          const entry = objectValue(raw, "model_list[]");
          const modelId = String(requiredInt(entry, "model_id", { min: 1 }));
          const variant = product.variants.find((v) => v.id === modelId);
          if (!variant)
            throw new ShopeeError("error_param", `model_id ${modelId} does not belong to item ${product.id}.`);
          const tierIndex = arrayValue(entry, "tier_index", { min: tiers.length, max: tiers.length }).map(
            (value, i) => {
              if (
                typeof value !== "number" ||
                !Number.isInteger(value) ||
                value < 0 ||
                value >= (tiers[i]?.options.length ?? 0)
              )
                throw new ShopeeError("error_param", "tier_index points outside option_list.");
              return value;
            },
          );
          if (seenModels.has(modelId)) throw new ShopeeError("error_param", `model_id ${modelId} is listed twice.`);
          if (seenIndexes.has(tierIndex.join(",")))
            throw new ShopeeError("error_param", `Two models share tier_index [${tierIndex.join(",")}].`);
          seenModels.add(modelId);
          seenIndexes.add(tierIndex.join(","));
          return { variant, tierIndex };
        });
        for (const { variant, tierIndex } of placed) variant.tierIndex = tierIndex;
        product.variants = placed.map(({ variant }) => variant);
      } else {
        tiers.forEach((tier, i) => {
          const held = product.tiers[i]?.options ?? [];
          if (held.some((option, at) => tier.options[at] !== option))
            throw new ShopeeError(
              "error_param",
              "Existing options cannot be removed or reordered without model_list; append new options at the end.",
            );
        });
      }
      product.tiers = tiers;
      ctx.store.touch(product);
      return {
        response: {
          item_id: Number(product.id),
          tier_variation: shopeeModelList(shop, product).tier_variation,
        },
      };
    }),
  );

  router.post(
    `${base}/add_model`,
    shopeeShopApi(ctx, "product.add_model", ({ body, shop }) => {
      const product = editableItem(ctx, shop, body);
      if (!product.hasModel)
        throw new ShopeeError("error_param", `Item ${product.id} has no tier variations; use init_tier_variation.`);
      const tiers = product.tiers;
      const models = arrayValue(body, "model_list", { min: 1, max: 50 }).map((raw) => {
        const model = objectValue(raw, "model_list[]");
        const tierIndex = arrayValue(model, "tier_index", { min: tiers.length, max: tiers.length }).map((value, i) => {
          if (
            typeof value !== "number" ||
            !Number.isInteger(value) ||
            value < 0 ||
            value >= (tiers[i]?.options.length ?? 0)
          ) {
            throw new ShopeeError("error_param", "tier_index points outside option_list.");
          }
          return value;
        });
        const price = numberValue(model, "original_price", { required: true }) ?? 0;
        const problem = checkPrice(shop, price);
        if (problem) throw new ShopeeError("error_param", problem);
        return {
          sku: stringValue(model, "model_sku", { max: 100 }) ?? "",
          price,
          stock: sellerStock(model, shop, "model_list[]"),
          tierIndex,
        };
      });
      const keys = new Set(product.variants.map((v) => (v.tierIndex ?? []).join(",")));
      for (const model of models) {
        const key = model.tierIndex.join(",");
        if (keys.has(key))
          throw new ShopeeError("error_param", `A model with tier_index [${key}] already exists or is listed twice.`);
        keys.add(key);
      }
      if (product.variants.length + models.length > 50 * 50)
        throw new ShopeeError("error_param", "An item takes at most 2500 models.");
      const added = models.map((model) => ({
        id: ctx.store.nextId("shopee.model"),
        sku: model.sku,
        price: model.price,
        stock: model.stock,
        reserved: 0,
        tierIndex: model.tierIndex,
      }));
      product.variants.push(...added);
      ctx.store.touch(product);
      return {
        response: {
          model: added.map((v) => ({
            model_id: Number(v.id),
            model_sku: v.sku,
            tier_index: v.tierIndex,
            original_price: v.price,
            price_info: [{ original_price: v.price }],
            seller_stock: v.stock.map((s) => ({ location_id: s.locationId, stock: s.stock })),
            weight: product.weight,
          })),
        },
      };
    }),
  );

  return router;
}
