import { type PerformanceApi } from "../types";
import { shopeePerformance } from "./performance";
import { z } from "zod";
import { planBatches, SHOPEE_BATCH_LIMIT, supersededEntries } from "../batch";
import { runBatches, withLocalValidation } from "../batch-run";
import { ChannelError } from "../errors";
import { readQuota } from "../health";
import { shopeePriceDecimals, toFixedDecimal } from "../money";
import { type ShopeeSignTarget } from "../signing/shopee";
import {
  type AuthorizationUrlInput,
  type BatchFailure,
  type ChannelAdapter,
  type ChannelProduct,
  type CodeExchangeInput,
  type AddVariantsInput,
  type CreatedListing,
  type CreateListingInput,
  type ListingFieldsUpdate,
  type ListOrdersInput,
  type ListProductsInput,
  type MarketplaceOrder,
  type OrderPage,
  type PriceUpdate,
  type ProductPage,
  type RefreshInput,
  type ShopHealth,
  type ShopInfo,
  type ShopSession,
  type StockUpdate,
  type TokenGrant,
  type TokenSet,
  type WebhookRequest,
  type StockSemantics,
} from "../types";
import { parseShopeePush } from "../webhooks/shopee";
import { verifyShopeePushRequest } from "../webhooks/verify";
import { ShopeeClient, type ShopeeClientOptions } from "./client";
import { shopCurrency } from "../regions";
import { toChannelProduct } from "./mappers";
import { SHOPEE_ORDER_WINDOW_SECONDS, shopeeGetOrders, shopeeListOrders } from "./orders";
import {
  addItemSchema,
  addModelSchema,
  baseInfoSchema,
  batchOutcomeSchema,
  initTierSchema,
  itemListSchema,
  modelListSchema,
  shopInfoSchema,
  tokenSchema,
} from "./schemas";

export interface ShopeeAdapterOptions extends ShopeeClientOptions {
  /** Our push endpoint's public URL exactly as registered with Shopee: pushes are signed over it. */
  pushCallbackUrl: string;
}

/** Shopee documents 30 days for refresh tokens but does not return it. */
const REFRESH_TOKEN_LIFETIME_MS = 30 * 24 * 3600 * 1000;
/** Item statuses an import cares about; deleted items are left out. */
const LISTED_STATUSES = ["NORMAL", "UNLIST", "BANNED", "REVIEWING"];
const DELETED_STATUSES = ["SELLER_DELETE", "SHOPEE_DELETE"];
const MAX_PAGE_SIZE = 100;
const BASE_INFO_LIMIT = 50;
/** Models per add_model call. */
const MODELS_PER_ADD = 50;
const emptySchema = z.unknown();

function numericId(value: string, what: string): number {
  if (!/^\d+$/.test(value)) throw new ChannelError("VALIDATION", `Shopee ${what} must be numeric, got "${value}"`);
  return Number(value);
}

export class ShopeeAdapter implements ChannelAdapter {
  readonly platform = "shopee" as const;
  readonly batchLimit = SHOPEE_BATCH_LIMIT;
  readonly orderListWindowMs = SHOPEE_ORDER_WINDOW_SECONDS * 1000;
  readonly performance: PerformanceApi;
  /**
   * Shopee: `seller_stock` is sellable stock; an order takes its units at creation; the total set
   * may not go below the promotion-reserved stock, which it includes (marketplaces.md).
   */
  readonly stockSemantics: StockSemantics = {
    platformTakesOwnOrders: true,
    setIncludesPromotionReserved: true,
    readsBack: "seller_stock",
  };
  private readonly client: ShopeeClient;

  constructor(private readonly options: ShopeeAdapterOptions) {
    this.client = new ShopeeClient(options);
    this.performance = shopeePerformance(this.client);
  }

  private shop(session: ShopSession): ShopeeSignTarget {
    return { type: "shop", accessToken: session.accessToken, shopId: session.shopId };
  }

  authorizationUrl(input: AuthorizationUrlInput): string {
    // Shopee has no `state` parameter: it goes into the redirect URL, which Shopee echoes back.
    const redirect = new URL(input.redirectUrl);
    redirect.searchParams.set("state", input.state);
    return (
      this.client
        // API version: Shopee Open Platform v2 (v2.shop.auth_partner, the authorization link).
        .signedUrl("/api/v2/shop/auth_partner", { type: "public" }, { redirect: redirect.toString() })
        .toString()
    );
  }

  private tokens(data: z.infer<typeof tokenSchema>): TokenSet {
    const now = this.client.nowSeconds() * 1000;
    return {
      accessToken: data.access_token,
      refreshToken: data.refresh_token,
      accessTokenExpiresAt: new Date(now + data.expire_in * 1000),
      refreshTokenExpiresAt: new Date(now + REFRESH_TOKEN_LIFETIME_MS),
    };
  }

  async exchangeCode(input: CodeExchangeInput): Promise<TokenGrant> {
    if (!input.shopId) throw new ChannelError("VALIDATION", "Shopee code exchange needs the shop_id from the redirect");
    const shopId = numericId(input.shopId, "shop_id");
    const { data } = await this.client.call(
      {
        method: "POST",
        // API version: Shopee Open Platform v2 (v2.public.get_access_token).
        path: "/api/v2/auth/token/get",
        target: { type: "public" },
        body: { code: input.code, partner_id: this.options.partnerId, shop_id: shopId },
        flat: true,
        during: "token",
      },
      tokenSchema,
    );
    const tokens = this.tokens(data);
    // The code is spent: a failing shop lookup must not lose the tokens, so it only fills names.
    const info = await this.getShopInfo({ shopId: input.shopId, accessToken: tokens.accessToken }).catch(() => null);
    return {
      ...tokens,
      shops: [
        {
          shopId: input.shopId,
          name: info?.name ?? null,
          region: info?.region ?? null,
          currency: info?.currency ?? null,
        },
      ],
      sellerId: null,
      sellerName: info?.name ?? null,
      scopes: [],
    };
  }

  async refreshToken(input: RefreshInput): Promise<TokenSet> {
    if (!input.shopId) throw new ChannelError("VALIDATION", "Shopee token refresh needs the shop id");
    const { data } = await this.client.call(
      {
        method: "POST",
        // API version: Shopee Open Platform v2 (v2.public.refresh_access_token).
        path: "/api/v2/auth/access_token/get",
        target: { type: "public" },
        body: {
          refresh_token: input.refreshToken,
          partner_id: this.options.partnerId,
          shop_id: numericId(input.shopId, "shop_id"),
        },
        flat: true,
        during: "token",
      },
      tokenSchema,
    );
    return this.tokens(data);
  }

  async getShopInfo(session: ShopSession): Promise<ShopInfo> {
    const { data } = await this.client.call(
      // API version: Shopee Open Platform v2 (v2.shop.get_shop_info).
      { method: "GET", path: "/api/v2/shop/get_shop_info", target: this.shop(session), flat: true },
      shopInfoSchema,
    );
    return {
      shopId: session.shopId,
      name: data.shop_name,
      region: data.region ?? null,
      currency: shopCurrency("shopee", data.region),
      status: data.status ?? null,
    };
  }

  async checkHealth(session: ShopSession): Promise<ShopHealth> {
    const started = performance.now();
    const checkedAt = new Date(this.client.nowSeconds() * 1000);
    try {
      const { data, headers } = await this.client.call(
        // API version: Shopee Open Platform v2 (v2.shop.get_shop_info).
        { method: "GET", path: "/api/v2/shop/get_shop_info", target: this.shop(session), flat: true },
        shopInfoSchema,
      );
      const shop = {
        shopId: session.shopId,
        name: data.shop_name,
        region: data.region ?? null,
        currency: shopCurrency("shopee", data.region),
        status: data.status ?? null,
      };
      return {
        ok: true,
        checkedAt,
        latencyMs: Math.round(performance.now() - started),
        shop,
        quota: readQuota(headers),
        error: null,
      };
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error;
      return {
        ok: false,
        checkedAt,
        latencyMs: Math.round(performance.now() - started),
        shop: null,
        quota: null,
        error: { code: error.code, message: error.message },
      };
    }
  }

  /** Base info takes at most 50 ids; items with models need one model-list call each. */
  private async loadProducts(session: ShopSession, itemIds: readonly string[]): Promise<ChannelProduct[]> {
    const products: ChannelProduct[] = [];
    for (let start = 0; start < itemIds.length; start += BASE_INFO_LIMIT) {
      const ids = itemIds.slice(start, start + BASE_INFO_LIMIT);
      const { data } = await this.client.call(
        {
          method: "GET",
          // API version: Shopee Open Platform v2 (v2.product.get_item_base_info).
          path: "/api/v2/product/get_item_base_info",
          target: this.shop(session),
          query: { item_id_list: ids.join(",") },
        },
        baseInfoSchema,
      );
      for (const item of data.item_list) {
        const models = item.has_model
          ? (
              await this.client.call(
                {
                  method: "GET",
                  // API version: Shopee Open Platform v2 (v2.product.get_model_list).
                  path: "/api/v2/product/get_model_list",
                  target: this.shop(session),
                  query: { item_id: item.item_id },
                },
                modelListSchema,
              )
            ).data
          : null;
        products.push(toChannelProduct(item, models, session.region));
      }
    }
    return products;
  }

  async listProducts(session: ShopSession, input: ListProductsInput = {}): Promise<ProductPage> {
    const offset = input.pageToken ? Number(input.pageToken) : 0;
    if (!Number.isInteger(offset) || offset < 0)
      throw new ChannelError("VALIDATION", `Bad Shopee page token "${input.pageToken}"`);
    const { data } = await this.client.call(
      {
        method: "GET",
        // API version: Shopee Open Platform v2 (v2.product.get_item_list).
        path: "/api/v2/product/get_item_list",
        target: this.shop(session),
        query: {
          offset,
          page_size: Math.min(Math.max(input.pageSize ?? MAX_PAGE_SIZE, 1), MAX_PAGE_SIZE),
          item_status: input.includeDeleted ? [...LISTED_STATUSES, ...DELETED_STATUSES] : LISTED_STATUSES,
          update_time_from: input.updatedSince ? Math.floor(input.updatedSince.getTime() / 1000) : undefined,
          update_time_to: input.updatedSince ? this.client.nowSeconds() : undefined,
        },
      },
      itemListSchema,
    );
    const products = await this.loadProducts(
      session,
      data.item.map((item) => item.item_id),
    );
    return {
      products,
      nextPageToken: data.has_next_page && data.next_offset !== undefined ? String(data.next_offset) : null,
      total: data.total_count ?? null,
    };
  }

  async getProduct(session: ShopSession, productId: string): Promise<ChannelProduct> {
    numericId(productId, "item_id");
    const [product] = await this.loadProducts(session, [productId]);
    if (!product)
      throw new ChannelError("NOT_FOUND", `Shopee item ${productId} was not found in shop ${session.shopId}`);
    return product;
  }

  async createListing(session: ShopSession, input: CreateListingInput): Promise<CreatedListing> {
    const [first] = input.variants;
    if (!first) throw new ChannelError("VALIDATION", "A Shopee listing needs at least one variant");
    if (input.images.length === 0) throw new ChannelError("VALIDATION", "A Shopee listing needs at least one image id");
    if (!input.weightGrams || input.weightGrams <= 0)
      throw new ChannelError("VALIDATION", "A Shopee listing needs a weight above 0 g");
    if (!Array.isArray(input.extra?.logistic_info) || input.extra.logistic_info.length === 0) {
      throw new ChannelError(
        "VALIDATION",
        "A Shopee listing needs extra.logistic_info (at least one enabled logistics channel)",
      );
    }
    const decimals = shopeePriceDecimals(session.region);
    const optionNames = Object.keys(first.options);
    const single = input.variants.length === 1 && optionNames.length === 0;
    const { data: item } = await this.client.call(
      {
        method: "POST",
        // API version: Shopee Open Platform v2 (v2.product.add_item).
        path: "/api/v2/product/add_item",
        target: this.shop(session),
        body: {
          item_name: input.title,
          description: input.description,
          category_id: numericId(input.categoryId, "category_id"),
          image: { image_id_list: input.images },
          original_price: Number(toFixedDecimal(first.price.amount, decimals)),
          seller_stock: [{ stock: single ? first.stock : 0 }],
          ...(single ? { item_sku: first.sku } : {}),
          weight: input.weightGrams / 1000,
          ...(input.brandId ? { brand: { brand_id: numericId(input.brandId, "brand_id") } } : {}),
          ...input.extra,
        },
      },
      addItemSchema,
    );
    if (single) return { productId: item.item_id, variants: [{ sku: first.sku, variantId: "0" }] };

    // Models come from a second call: tiers are option names, tier_index points into option lists.
    const tiers = optionNames.map((name) => ({
      name,
      options: [...new Set(input.variants.map((v) => v.options[name] ?? ""))],
    }));
    const { data: models } = await this.client.call(
      {
        method: "POST",
        // API version: Shopee Open Platform v2 (v2.product.init_tier_variation).
        path: "/api/v2/product/init_tier_variation",
        target: this.shop(session),
        body: {
          item_id: Number(item.item_id),
          tier_variation: tiers.map((tier) => ({
            name: tier.name,
            option_list: tier.options.map((option) => ({ option })),
          })),
          model: input.variants.map((variant) => ({
            tier_index: tiers.map((tier) => tier.options.indexOf(variant.options[tier.name] ?? "")),
            original_price: Number(toFixedDecimal(variant.price.amount, decimals)),
            model_sku: variant.sku,
            seller_stock: [{ stock: variant.stock }],
          })),
        },
      },
      initTierSchema,
    );
    const bySku = new Map(models.model.map((model) => [model.model_sku ?? "", model.model_id]));
    return {
      productId: item.item_id,
      variants: input.variants.map((variant) => ({ sku: variant.sku, variantId: bySku.get(variant.sku) ?? "" })),
    };
  }

  async addVariants(session: ShopSession, productId: string, input: AddVariantsInput): Promise<CreatedListing> {
    if (input.variants.length === 0) return { productId, variants: [] };
    if (input.variants.length > MODELS_PER_ADD)
      throw new ChannelError("VALIDATION", `Shopee adds at most ${MODELS_PER_ADD} models per call`);
    const itemId = numericId(productId, "item_id");
    const { data: current } = await this.client.call(
      {
        method: "GET",
        // API version: Shopee Open Platform v2 (v2.product.get_model_list).
        path: "/api/v2/product/get_model_list",
        target: this.shop(session),
        query: { item_id: productId },
      },
      modelListSchema,
    );
    const held = current.tier_variation.map((tier) => ({
      name: tier.name,
      options: tier.option_list.map((option) => option.option),
    }));
    if (held.length === 0)
      throw new ChannelError(
        "VALIDATION",
        "This Shopee item has no variations, so models cannot be added to it; publish the product again as a new item",
      );
    const names = held.map((tier) => tier.name);
    for (const variant of input.variants) {
      const own = Object.keys(variant.options);
      if (own.length !== names.length || names.some((name) => !variant.options[name]?.trim()))
        throw new ChannelError(
          "VALIDATION",
          `Variant ${variant.sku} needs exactly the options of the Shopee item: ${names.join(", ")}`,
        );
    }
    // New option values go at the end, so existing models keep their tier_index.
    const tiers = held.map((tier) => ({
      name: tier.name,
      options: [
        ...tier.options,
        ...new Set(
          input.variants.map((v) => v.options[tier.name] ?? "").filter((value) => !tier.options.includes(value)),
        ),
      ],
    }));
    if (tiers.some((tier, i) => tier.options.length !== held[i]?.options.length))
      await this.client.call(
        {
          method: "POST",
          // API version: Shopee Open Platform v2 (v2.product.update_tier_variation).
          path: "/api/v2/product/update_tier_variation",
          target: this.shop(session),
          body: {
            item_id: itemId,
            tier_variation: tiers.map((tier) => ({
              name: tier.name,
              option_list: tier.options.map((option) => ({ option })),
            })),
          },
        },
        emptySchema,
      );
    const decimals = shopeePriceDecimals(session.region);
    const { data } = await this.client.call(
      {
        method: "POST",
        // API version: Shopee Open Platform v2 (v2.product.add_model).
        path: "/api/v2/product/add_model",
        target: this.shop(session),
        body: {
          item_id: itemId,
          model_list: input.variants.map((variant) => ({
            tier_index: tiers.map((tier) => tier.options.indexOf(variant.options[tier.name] ?? "")),
            original_price: Number(toFixedDecimal(variant.price.amount, decimals)),
            model_sku: variant.sku,
            seller_stock: [{ stock: variant.stock }],
          })),
        },
      },
      addModelSchema,
    );
    const bySku = new Map(data.model.map((model) => [model.model_sku ?? "", model.model_id]));
    return {
      productId,
      variants: input.variants.map((variant) => ({ sku: variant.sku, variantId: bySku.get(variant.sku) ?? "" })),
    };
  }

  async updateListing(
    session: ShopSession,
    productId: string,
    fields: ListingFieldsUpdate,
  ): Promise<{ requestId: string | null }> {
    const { requestId } = await this.client.call(
      {
        method: "POST",
        // API version: Shopee Open Platform v2 (v2.product.update_item).
        path: "/api/v2/product/update_item",
        target: this.shop(session),
        body: {
          item_id: numericId(productId, "item_id"),
          ...(fields.title !== undefined ? { item_name: fields.title } : {}),
          ...(fields.description !== undefined ? { description: fields.description } : {}),
          ...fields.extra,
        },
      },
      emptySchema,
    );
    return { requestId: requestId ?? null };
  }

  async updatePrices(session: ShopSession, updates: readonly PriceUpdate[]) {
    const key = (update: PriceUpdate) => update.variantId;
    const decimals = shopeePriceDecimals(session.region);
    const validate = (update: PriceUpdate) => {
      numericId(update.productId, "item_id");
      numericId(update.variantId, "model_id");
      toFixedDecimal(update.price.amount, decimals);
    };
    return withLocalValidation(updates, validate, (valid) =>
      runBatches(planBatches(valid, key, SHOPEE_BATCH_LIMIT), supersededEntries(valid, key), async (chunk) => {
        const { data, requestId } = await this.client.call(
          {
            method: "POST",
            // API version: Shopee Open Platform v2 (v2.product.update_price).
            path: "/api/v2/product/update_price",
            target: this.shop(session),
            body: {
              item_id: numericId(chunk.productId, "item_id"),
              price_list: chunk.entries.map((entry) => ({
                model_id: numericId(entry.variantId, "model_id"),
                original_price: Number(toFixedDecimal(entry.price.amount, decimals)),
              })),
            },
          },
          batchOutcomeSchema,
        );
        return { failures: entryFailures(chunk.entries, data.failure_list, (entry) => entry.variantId), requestId };
      }),
    );
  }

  async updateStock(session: ShopSession, updates: readonly StockUpdate[]) {
    const key = (update: StockUpdate) => `${update.variantId}@${update.locationId ?? ""}`;
    const validate = (update: StockUpdate) => {
      numericId(update.productId, "item_id");
      numericId(update.variantId, "model_id");
      if (!Number.isInteger(update.quantity) || update.quantity < 0) {
        throw new ChannelError("VALIDATION", `Stock must be a whole number of at least 0, got ${update.quantity}`);
      }
    };
    return withLocalValidation(updates, validate, (valid) =>
      runBatches(planBatches(valid, key, SHOPEE_BATCH_LIMIT), supersededEntries(valid, key), async (chunk) => {
        const { data, requestId } = await this.client.call(
          {
            method: "POST",
            // API version: Shopee Open Platform v2 (v2.product.update_stock).
            path: "/api/v2/product/update_stock",
            target: this.shop(session),
            body: {
              item_id: numericId(chunk.productId, "item_id"),
              stock_list: chunk.entries.map((entry) => ({
                model_id: numericId(entry.variantId, "model_id"),
                seller_stock: [
                  { ...(entry.locationId ? { location_id: entry.locationId } : {}), stock: entry.quantity },
                ],
              })),
            },
          },
          batchOutcomeSchema,
        );
        return { failures: entryFailures(chunk.entries, data.failure_list, (entry) => entry.variantId), requestId };
      }),
    );
  }

  async listOrders(session: ShopSession, input: ListOrdersInput): Promise<OrderPage> {
    return shopeeListOrders(this.client, this.shop(session), input, shopeePriceDecimals(session.region));
  }

  async getOrders(session: ShopSession, orderIds: readonly string[]): Promise<MarketplaceOrder[]> {
    if (orderIds.length === 0) return [];
    return shopeeGetOrders(this.client, this.shop(session), orderIds, shopeePriceDecimals(session.region));
  }

  verifyWebhook(request: WebhookRequest): boolean {
    return verifyShopeePushRequest(request, {
      partnerKey: this.options.partnerKey,
      callbackUrl: this.options.pushCallbackUrl,
    });
  }

  parseWebhook(rawBody: string | Uint8Array) {
    return parseShopeePush(rawBody);
  }
}

/** Maps Shopee's per-model `failure_list` back onto the entries we sent. */
function entryFailures<T>(
  entries: readonly T[],
  failures: readonly { model_id?: string | undefined; failed_reason?: string | undefined }[],
  modelOf: (entry: T) => string,
): BatchFailure<T>[] {
  const reasons = new Map(failures.map((failure) => [failure.model_id ?? "", failure.failed_reason ?? "refused"]));
  return entries.flatMap((entry) => {
    const reason = reasons.get(modelOf(entry));
    return reason === undefined
      ? []
      : [{ update: entry, error: new ChannelError("VALIDATION", `Shopee refused model ${modelOf(entry)}: ${reason}`) }];
  });
}
