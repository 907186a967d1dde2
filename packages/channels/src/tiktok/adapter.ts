import { type PerformanceApi } from "../types";
import { tiktokPerformance } from "./performance";
import { z } from "zod";
import { planBatches, supersededEntries, TIKTOK_BATCH_LIMIT } from "../batch";
import { runBatches, withLocalValidation } from "../batch-run";
import { ChannelError } from "../errors";
import { readQuota } from "../health";
import { toFixedDecimal } from "../money";
import {
  type AuthorizationUrlInput,
  type AuthorizedShop,
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
import { parseTikTokWebhook } from "../webhooks/tiktok";
import { verifyTikTokWebhookRequest } from "../webhooks/verify";
import { TikTokClient, type TikTokClientOptions } from "./client";
import { shopCurrency } from "../regions";
import { toChannelProduct } from "./mappers";
import { tiktokGetOrders, tiktokListOrders } from "./orders";
import { createdSchema, editableProductSchema, productSchema, searchSchema, shopsSchema, tokenSchema } from "./schemas";

export interface TikTokAdapterOptions extends TikTokClientOptions {
  /** Seller authorization page (`https://services.tiktokshop.com/open/authorize`). */
  authorizeUrl: string;
  serviceId: string;
}

const MAX_PAGE_SIZE = 100;
/** TikTok prices are decimal strings; two places covers every currency it sells in. */
const PRICE_DECIMALS = 2;
const emptySchema = z.unknown();
/** Update Inventory answers code 0 and lists the SKUs it refused (documented example: warehouse unknown). */
const inventoryUpdateSchema = z.looseObject({
  errors: z
    .array(
      z.looseObject({
        code: z.number().optional(),
        message: z.string().optional(),
        detail: z
          .looseObject({
            sku_id: z.string().optional(),
            extra_errors: z
              .array(z.looseObject({ warehouse_id: z.string().optional(), message: z.string().optional() }))
              .optional(),
          })
          .optional(),
      }),
    )
    .default([]),
});

function productPath(productId: string, suffix = ""): string {
  if (!/^\d+$/.test(productId))
    throw new ChannelError("VALIDATION", `TikTok product id must be numeric, got "${productId}"`);
  return `/product/202309/products/${productId}${suffix}`;
}

export class TikTokAdapter implements ChannelAdapter {
  readonly platform = "tiktok" as const;
  readonly batchLimit = TIKTOK_BATCH_LIMIT;
  readonly orderListWindowMs = null;
  readonly performance: PerformanceApi;
  /** TikTok: `quantity` per warehouse is the available quantity; open orders are already out of it. */
  readonly stockSemantics: StockSemantics = {
    platformTakesOwnOrders: true,
    setIncludesPromotionReserved: false,
    readsBack: "available_quantity",
  };
  private readonly client: TikTokClient;

  constructor(private readonly options: TikTokAdapterOptions) {
    this.client = new TikTokClient(options);
    this.performance = tiktokPerformance(this.client);
  }

  private shop(session: ShopSession) {
    if (!session.shopCipher) {
      throw new ChannelError("VALIDATION", `TikTok shop ${session.shopId} has no shop_cipher; reconnect the shop`);
    }
    return { accessToken: session.accessToken, shopCipher: session.shopCipher };
  }

  /** The redirect URL is registered with the app in TikTok's console; only `state` travels here. */
  authorizationUrl(input: AuthorizationUrlInput): string {
    const url = new URL(this.options.authorizeUrl);
    url.searchParams.set("service_id", this.options.serviceId);
    url.searchParams.set("state", input.state);
    return url.toString();
  }

  private tokens(data: z.infer<typeof tokenSchema>): TokenSet {
    return {
      accessToken: data.access_token,
      refreshToken: data.refresh_token,
      // Both expiries are absolute Unix times on TikTok.
      accessTokenExpiresAt: new Date(data.access_token_expire_in * 1000),
      refreshTokenExpiresAt: new Date(data.refresh_token_expire_in * 1000),
    };
  }

  async exchangeCode(input: CodeExchangeInput): Promise<TokenGrant> {
    const data = await this.client.token(
      // API version: TikTok Shop Get Access Token (auth host, /api/v2; not month-versioned).
      "/api/v2/token/get",
      {
        app_key: this.options.appKey,
        app_secret: this.options.appSecret,
        auth_code: input.code,
        grant_type: "authorized_code",
      },
      tokenSchema,
    );
    const tokens = this.tokens(data);
    // The code is spent: a failing shop lookup must not lose the tokens. The caller retries
    // `listAuthorizedShops` when `shops` comes back empty.
    const shops = await this.listAuthorizedShops(tokens.accessToken).catch(() => []);
    return {
      ...tokens,
      shops,
      sellerId: data.open_id ?? null,
      sellerName: data.seller_name ?? null,
      scopes: data.granted_scopes,
    };
  }

  /** Shops the token may act for, with the `shop_cipher` every shop call needs. */
  async listAuthorizedShops(accessToken: string): Promise<AuthorizedShop[]> {
    const { data } = await this.client.call(
      // API version: TikTok Shop 202309 (Get Authorized Shops).
      { method: "GET", path: "/authorization/202309/shops", accessToken },
      shopsSchema,
    );
    return data.shops.map((shop) => ({
      shopId: shop.id,
      name: shop.name,
      region: shop.region ?? null,
      currency: shopCurrency("tiktok", shop.region),
      shopCipher: shop.cipher,
    }));
  }

  async refreshToken(input: RefreshInput): Promise<TokenSet> {
    const data = await this.client.token(
      // API version: TikTok Shop Refresh Access Token (auth host, /api/v2; not month-versioned).
      "/api/v2/token/refresh",
      {
        app_key: this.options.appKey,
        app_secret: this.options.appSecret,
        refresh_token: input.refreshToken,
        grant_type: "refresh_token",
      },
      tokenSchema,
    );
    return this.tokens(data);
  }

  private async shopInfo(session: ShopSession): Promise<{ info: ShopInfo; headers: Headers }> {
    const { data, headers } = await this.client.call(
      // API version: TikTok Shop 202309 (Get Authorized Shops).
      { method: "GET", path: "/authorization/202309/shops", accessToken: session.accessToken },
      shopsSchema,
    );
    const shop = data.shops.find((candidate) => candidate.id === session.shopId);
    if (!shop)
      throw new ChannelError("AUTH_REVOKED", `TikTok shop ${session.shopId} is no longer authorized for this app`);
    return {
      info: {
        shopId: shop.id,
        name: shop.name,
        region: shop.region ?? null,
        currency: shopCurrency("tiktok", shop.region),
        status: null,
      },
      headers,
    };
  }

  async getShopInfo(session: ShopSession): Promise<ShopInfo> {
    return (await this.shopInfo(session)).info;
  }

  async checkHealth(session: ShopSession): Promise<ShopHealth> {
    const started = performance.now();
    const checkedAt = new Date(this.client.nowSeconds() * 1000);
    try {
      const { info, headers } = await this.shopInfo(session);
      return {
        ok: true,
        checkedAt,
        latencyMs: Math.round(performance.now() - started),
        shop: info,
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

  async listProducts(session: ShopSession, input: ListProductsInput = {}): Promise<ProductPage> {
    const { data } = await this.client.call(
      {
        method: "POST",
        // API version: TikTok Shop 202309 (Search Products; 202502 exists and is not used).
        path: "/product/202309/products/search",
        ...this.shop(session),
        query: {
          page_size: Math.min(Math.max(input.pageSize ?? MAX_PAGE_SIZE, 1), MAX_PAGE_SIZE),
          page_token: input.pageToken ?? undefined,
        },
        // Never an empty object (see signing/tiktok.ts): ALL is the documented default filter.
        body: {
          status: "ALL",
          ...(input.updatedSince ? { update_time_ge: Math.floor(input.updatedSince.getTime() / 1000) } : {}),
        },
      },
      searchSchema,
    );
    return {
      products: data.products.map(toChannelProduct),
      nextPageToken: data.next_page_token ? data.next_page_token : null,
      total: data.total_count ?? null,
    };
  }

  async getProduct(session: ShopSession, productId: string): Promise<ChannelProduct> {
    const { data } = await this.client.call(
      // API version: TikTok Shop 202309 (Get Product).
      { method: "GET", path: productPath(productId), ...this.shop(session) },
      productSchema,
    );
    return toChannelProduct(data);
  }

  async createListing(session: ShopSession, input: CreateListingInput): Promise<CreatedListing> {
    if (input.variants.length === 0)
      throw new ChannelError("VALIDATION", "A TikTok Shop product needs at least one SKU");
    if (input.images.length === 0)
      throw new ChannelError("VALIDATION", "A TikTok Shop product needs at least one image URI");
    if (input.variants.length > TIKTOK_BATCH_LIMIT) {
      throw new ChannelError("VALIDATION", `A TikTok Shop product takes at most ${TIKTOK_BATCH_LIMIT} SKUs`);
    }
    if (!input.locationId)
      throw new ChannelError("VALIDATION", "A TikTok Shop product needs a warehouse id for its stock");
    if (!input.weightGrams || input.weightGrams <= 0) {
      throw new ChannelError("VALIDATION", "A TikTok Shop product needs a package weight above 0 g");
    }
    if (!input.description.trim()) throw new ChannelError("VALIDATION", "A TikTok Shop product needs a description");
    const warehouseId = input.locationId;
    const { data } = await this.client.call(
      {
        method: "POST",
        // API version: TikTok Shop 202309 (Create Product).
        path: "/product/202309/products",
        ...this.shop(session),
        body: {
          title: input.title,
          description: input.description,
          category_id: input.categoryId,
          main_images: input.images.map((uri) => ({ uri })),
          ...(input.brandId ? { brand_id: input.brandId } : {}),
          // TikTok takes KILOGRAM or POUND; round up so the parcel is never under-declared.
          package_weight: { value: (Math.ceil(input.weightGrams / 10) / 100).toFixed(2), unit: "KILOGRAM" },
          skus: input.variants.map((variant) => ({
            seller_sku: variant.sku,
            price: { amount: toFixedDecimal(variant.price.amount, PRICE_DECIMALS), currency: variant.price.currency },
            inventory: [{ warehouse_id: warehouseId, quantity: variant.stock }],
            sales_attributes: Object.entries(variant.options).map(([name, value_name]) => ({ name, value_name })),
          })),
          ...input.extra,
        },
      },
      createdSchema,
    );
    const bySku = new Map(data.skus.map((sku) => [sku.seller_sku ?? "", sku.id]));
    return {
      productId: data.product_id,
      variants: input.variants.map((variant) => ({ sku: variant.sku, variantId: bySku.get(variant.sku) ?? "" })),
    };
  }

  async addVariants(session: ShopSession, productId: string, input: AddVariantsInput): Promise<CreatedListing> {
    if (input.variants.length === 0) return { productId, variants: [] };
    if (!input.locationId)
      throw new ChannelError("VALIDATION", "New TikTok Shop SKUs need a warehouse id for their stock");
    const warehouseId = input.locationId;
    const { data: product } = await this.client.call(
      // API version: TikTok Shop 202309 (Get Product).
      { method: "GET", path: productPath(productId), ...this.shop(session) },
      editableProductSchema,
    );
    const total = product.skus.length + input.variants.length;
    if (total > TIKTOK_BATCH_LIMIT)
      throw new ChannelError("VALIDATION", `A TikTok Shop product takes at most ${TIKTOK_BATCH_LIMIT} SKUs`);
    const category = product.category_chains.find((chain) => chain.is_leaf) ?? product.category_chains.at(-1);
    const attributes = (options: Record<string, string>) =>
      Object.entries(options).map(([name, value_name]) => ({ name, value_name }));
    // A full edit replaces the product: every existing SKU goes back as it is, the new ones without id.
    const { data } = await this.client.call(
      {
        method: "PUT",
        // API version: TikTok Shop 202309 (Edit Product, a full edit; 202509 exists and is not used).
        path: productPath(productId),
        ...this.shop(session),
        body: {
          title: product.title,
          description: product.description ?? "",
          ...(category ? { category_id: category.id } : {}),
          main_images: product.main_images.map((image) => ({ uri: image.uri })),
          ...(product.package_weight ? { package_weight: product.package_weight } : {}),
          skus: [
            ...product.skus.map((sku) => ({
              id: sku.id,
              ...(sku.seller_sku !== undefined ? { seller_sku: sku.seller_sku } : {}),
              ...(sku.price
                ? {
                    price: {
                      amount: sku.price.tax_exclusive_price ?? sku.price.sale_price ?? "0",
                      currency: sku.price.currency,
                    },
                  }
                : {}),
              inventory: sku.inventory.map((entry) => ({ warehouse_id: entry.warehouse_id, quantity: entry.quantity })),
              sales_attributes: sku.sales_attributes.flatMap((a) =>
                a.name && a.value_name ? [{ name: a.name, value_name: a.value_name }] : [],
              ),
            })),
            ...input.variants.map((variant) => ({
              seller_sku: variant.sku,
              price: { amount: toFixedDecimal(variant.price.amount, PRICE_DECIMALS), currency: variant.price.currency },
              inventory: [{ warehouse_id: warehouseId, quantity: variant.stock }],
              sales_attributes: attributes(variant.options),
            })),
          ],
        },
      },
      createdSchema,
    );
    const held = new Set(product.skus.map((sku) => sku.id));
    const bySku = new Map(data.skus.filter((sku) => !held.has(sku.id)).map((sku) => [sku.seller_sku ?? "", sku.id]));
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
        // API version: TikTok Shop 202309 (Partial Edit Product; 202509 exists and is not used).
        path: productPath(productId, "/partial_edit"),
        ...this.shop(session),
        body: {
          ...(fields.title !== undefined ? { title: fields.title } : {}),
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
    const validate = (update: PriceUpdate) => {
      productPath(update.productId);
      toFixedDecimal(update.price.amount, PRICE_DECIMALS);
    };
    return withLocalValidation(updates, validate, (valid) =>
      runBatches(planBatches(valid, key, TIKTOK_BATCH_LIMIT), supersededEntries(valid, key), async (chunk) => {
        const { requestId } = await this.client.call(
          {
            method: "POST",
            // API version: TikTok Shop 202309 (Update Price).
            path: productPath(chunk.productId, "/prices/update"),
            ...this.shop(session),
            body: {
              skus: chunk.entries.map((entry) => ({
                id: entry.variantId,
                // Amounts travel as strings: no float ever touches a price.
                price: { amount: toFixedDecimal(entry.price.amount, PRICE_DECIMALS), currency: entry.price.currency },
              })),
            },
          },
          emptySchema,
        );
        return { failures: [], requestId };
      }),
    );
  }

  async updateStock(session: ShopSession, updates: readonly StockUpdate[]) {
    const key = (update: StockUpdate) => `${update.variantId}@${update.locationId ?? ""}`;
    const validate = (update: StockUpdate) => {
      productPath(update.productId);
      if (!Number.isInteger(update.quantity) || update.quantity < 0) {
        throw new ChannelError("VALIDATION", `Stock must be a whole number of at least 0, got ${update.quantity}`);
      }
    };
    // TikTok wants every warehouse of a SKU listed; warehouses we are not changing keep their
    // current quantity, read once per product and kept current as chunks land.
    const warehouses = new Map<string, Map<string, Map<string, number>>>();
    const currentWarehouses = async (productId: string) => {
      let product = warehouses.get(productId);
      if (!product) {
        const { variants } = await this.getProduct(session, productId);
        product = new Map(
          variants.map((v) => [v.variantId, new Map(v.locations.map((l) => [l.locationId, l.quantity]))]),
        );
        warehouses.set(productId, product);
      }
      return product;
    };
    return withLocalValidation(updates, validate, (valid) =>
      runBatches(planBatches(valid, key, TIKTOK_BATCH_LIMIT), supersededEntries(valid, key), async (chunk) => {
        const needsLookup = chunk.entries.some((entry) => !entry.locationId);
        const known = needsLookup ? await currentWarehouses(chunk.productId) : warehouses.get(chunk.productId);
        const failures: BatchFailure<StockUpdate>[] = [];
        const skus = new Map<string, Map<string, number>>();
        for (const entry of chunk.entries) {
          const current = known?.get(entry.variantId);
          let locationId = entry.locationId;
          if (!locationId) {
            if (current?.size !== 1) {
              failures.push({
                update: entry,
                error: new ChannelError(
                  "VALIDATION",
                  `TikTok SKU ${entry.variantId} has ${current?.size ?? 0} warehouses; say which one to set`,
                ),
              });
              continue;
            }
            locationId = [...current.keys()][0] ?? "";
          }
          const quantities = skus.get(entry.variantId) ?? new Map(current ?? []);
          quantities.set(locationId, entry.quantity);
          skus.set(entry.variantId, quantities);
        }
        let requestId: string | undefined;
        if (skus.size > 0) {
          let data: z.infer<typeof inventoryUpdateSchema>;
          ({ requestId, data } = await this.client.call(
            {
              method: "POST",
              // API version: TikTok Shop 202309 (Update Inventory).
              path: productPath(chunk.productId, "/inventory/update"),
              ...this.shop(session),
              body: {
                skus: [...skus].map(([id, quantities]) => ({
                  id,
                  inventory: [...quantities].map(([warehouse_id, quantity]) => ({ warehouse_id, quantity })),
                })),
              },
            },
            inventoryUpdateSchema,
          ));
          // A 0 answer can still refuse single SKUs (documented: data.errors[].detail.sku_id).
          const refused = new Map<string, ChannelError>();
          for (const error of data.errors) {
            const skuId = error.detail?.sku_id;
            if (!skuId) continue;
            const extra = (error.detail?.extra_errors ?? [])
              .map((entry) => `${entry.warehouse_id ? `warehouse ${entry.warehouse_id}: ` : ""}${entry.message ?? ""}`)
              .join("; ");
            refused.set(
              skuId,
              new ChannelError(
                "VALIDATION",
                `TikTok Shop ${error.code ?? ""}: ${error.message ?? "inventory update refused"}${extra ? ` (${extra})` : ""}`,
                { platformCode: error.code === undefined ? undefined : String(error.code), requestId },
              ),
            );
          }
          for (const entry of chunk.entries) {
            const error = refused.get(entry.variantId);
            if (error && skus.has(entry.variantId)) failures.push({ update: entry, error });
          }
          for (const [id, quantities] of skus) if (!refused.has(id)) known?.set(id, quantities);
        }
        return { failures, requestId };
      }),
    );
  }

  async listOrders(session: ShopSession, input: ListOrdersInput): Promise<OrderPage> {
    return tiktokListOrders(this.client, this.shop(session), input);
  }

  async getOrders(session: ShopSession, orderIds: readonly string[]): Promise<MarketplaceOrder[]> {
    if (orderIds.length === 0) return [];
    return tiktokGetOrders(this.client, this.shop(session), orderIds);
  }

  verifyWebhook(request: WebhookRequest): boolean {
    return verifyTikTokWebhookRequest(request, { appKey: this.options.appKey, appSecret: this.options.appSecret });
  }

  parseWebhook(rawBody: string | Uint8Array) {
    return parseTikTokWebhook(rawBody);
  }
}
