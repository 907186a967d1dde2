import { type ChannelError } from "./errors";
import { type ChannelEvent } from "./webhooks/events";

/**
 * The contract every marketplace adapter fulfils. Callers (sync engine, import, connection
 * services) only see this; platform specifics (signing, envelopes, units, batch limits) stay in
 * the adapter. Adapters never retry: the sync engine owns retries and reads `ChannelError`.
 */

export type Platform = "shopee" | "tiktok";

/**
 * Money as a decimal string in the currency's major unit ("19.90"), never a float: platform
 * floats are converted at the edge with the region's decimals.
 */
export interface Money {
  amount: string;
  currency: string;
}

/** The connection state a shop-scoped call needs; the caller decrypts tokens and passes them in. */
export interface ShopSession {
  /** The platform's shop id (Shopee `shop_id`, TikTok shop `id`). */
  shopId: string;
  accessToken: string;
  /** TikTok `shop_cipher`; required for every TikTok shop-scoped call. */
  shopCipher?: string;
  /** ISO 3166 region ("SG", "VN"); decides Shopee's price decimals. */
  region?: string;
}

export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date;
  /** Null when the platform does not say (Shopee documents 30 days, so it is computed). */
  refreshTokenExpiresAt: Date | null;
}

/** A shop the seller granted access to in one authorization. */
export interface AuthorizedShop {
  shopId: string;
  name: string | null;
  region: string | null;
  /** ISO 4217 code the shop prices in (from its region); null when the region is unknown. */
  currency: string | null;
  shopCipher?: string;
}

export interface TokenGrant extends TokenSet {
  shops: AuthorizedShop[];
  /** Seller-level identity when the platform gives one (TikTok `open_id`). */
  sellerId: string | null;
  sellerName: string | null;
  scopes: string[];
}

export interface AuthorizationUrlInput {
  /** Where the platform sends the seller back (our callback). */
  redirectUrl: string;
  /** Opaque CSRF state; Shopee has no state parameter, so it rides in the redirect URL. */
  state: string;
}

export interface CodeExchangeInput {
  code: string;
  /** Shopee returns `shop_id` beside the code; TikTok does not. */
  shopId?: string;
}

export interface RefreshInput {
  refreshToken: string;
  /** Shopee refreshes per shop. */
  shopId?: string;
}

export interface ShopInfo {
  shopId: string;
  name: string;
  region: string | null;
  /** ISO 4217 code the shop prices in (from its region); null when the region is unknown. */
  currency: string | null;
  /** Platform status text ("NORMAL", "BANNED", …) when reported. */
  status: string | null;
}

export interface ApiQuota {
  limit: number | null;
  remaining: number | null;
  resetAt: Date | null;
}

export interface ShopHealth {
  ok: boolean;
  checkedAt: Date;
  latencyMs: number;
  shop: ShopInfo | null;
  /** Present only when the platform reports quota (rate-limit headers). */
  quota: ApiQuota | null;
  /** Set when `ok` is false. */
  error: { code: ChannelError["code"]; message: string } | null;
}

export interface ChannelVariant {
  /** Shopee `model_id` ("0" for an item without models), TikTok SKU `id`. */
  variantId: string;
  sku: string | null;
  price: Money | null;
  /** Sellable stock summed over locations. */
  stock: number;
  locations: { locationId: string; quantity: number }[];
  /** Option values such as { Color: "Red" } when the platform exposes them. */
  options: Record<string, string>;
}

export interface ChannelProduct {
  productId: string;
  title: string;
  description: string | null;
  status: string;
  /** Item-level SKU (Shopee `item_sku`); TikTok has SKUs only on variants. */
  sku: string | null;
  hasVariants: boolean;
  updatedAt: Date | null;
  variants: ChannelVariant[];
  /** Image URLs in order (the first is the cover), when the platform's answer carries them. */
  images?: string[];
  /**
   * TikTok reviews content edits: while a new version waits (`pending`) the live product keeps the
   * old one; a `rejected` review leaves the old one live and says why. Absent: nothing under review.
   */
  review?: ChannelReview | null;
}

export interface ChannelReview {
  status: "pending" | "approved" | "rejected";
  /** The platform's reasons for a rejection. */
  reasons: string[];
}

export interface ListProductsInput {
  /** Opaque cursor from the previous page. */
  pageToken?: string | null;
  /** Capped at the platform's maximum (100 on both). */
  pageSize?: number;
  updatedSince?: Date;
  /**
   * Also products the seller or the platform deleted (Shopee `SELLER_DELETE` / `SHOPEE_DELETE`), so
   * a pass over live listings sees the deletion. An import leaves them out.
   */
  includeDeleted?: boolean;
}

export interface ProductPage {
  products: ChannelProduct[];
  nextPageToken: string | null;
  total: number | null;
}

export interface CreateListingInput {
  title: string;
  description: string;
  /** Platform category id; the caller resolves it. */
  categoryId: string;
  images: string[];
  brandId?: string;
  /** Shipping weight in grams; both platforms require it (sent as kilograms). */
  weightGrams?: number;
  /** TikTok warehouse for the initial stock (required there); Shopee ignores it. */
  locationId?: string;
  /**
   * Platform-specific fields passed through as sent (Shopee requires `logistic_info`; product
   * attributes, dimensions, …). Images must already be uploaded: Shopee image ids, TikTok URIs.
   */
  extra?: Record<string, unknown>;
  variants: {
    sku: string;
    price: Money;
    stock: number;
    /** Option name → value; every variant uses the same names. */
    options: Record<string, string>;
  }[];
}

export interface CreatedListing {
  productId: string;
  variants: { sku: string; variantId: string }[];
}

/** Variants to add to a product the shop already has (a master variant added after publishing). */
export interface AddVariantsInput {
  /** Same option names as the product's existing variants; new option values are added. */
  variants: CreateListingInput["variants"];
  /** TikTok warehouse for the new SKUs' stock (required there); Shopee uses the shop's default location. */
  locationId?: string;
}

export interface ListingFieldsUpdate {
  title?: string;
  description?: string;
  extra?: Record<string, unknown>;
}

export interface PriceUpdate {
  productId: string;
  variantId: string;
  price: Money;
}

export interface StockUpdate {
  productId: string;
  variantId: string;
  quantity: number;
  /**
   * Shopee location / TikTok warehouse. When absent, the variant's single location is used (TikTok
   * looks it up; a SKU with several warehouses then fails with VALIDATION). TikTok needs every
   * warehouse of a SKU in one call: send one update per warehouse and they are merged.
   */
  locationId?: string;
}

export interface BatchFailure<T> {
  update: T;
  error: ChannelError;
}

/**
 * Outcome per entry. A call-level error fails its whole chunk; after a rate limit or an auth
 * error the remaining chunks are not sent and fail with the same error, so the engine can retry
 * exactly what did not land.
 */
export interface BatchResult<T> {
  succeeded: T[];
  failed: BatchFailure<T>[];
  /** How many platform calls were made. */
  calls: number;
  /** Platform request ids of the calls that answered, in call order (for sync history). */
  requestIds?: string[];
}

/** One line of a marketplace order (TikTok's one-line-per-unit items are folded per SKU). */
export interface MarketplaceOrderLine {
  productId: string | null;
  variantId: string | null;
  sku: string | null;
  quantity: number;
  unitPrice: Money | null;
}

/** An order as the platform reports it now (reconciliation and webhook processing read these). */
export interface MarketplaceOrder {
  orderId: string;
  /** Platform status ("READY_TO_SHIP", "AWAITING_SHIPMENT", …). */
  status: string;
  currency: string | null;
  total: Money | null;
  createdAt: Date | null;
  /** Platform update time: newer state wins. */
  updatedAt: Date | null;
  trackingNumber: string | null;
  /** When the buyer paid (null while unpaid). */
  paidAt: Date | null;
  /** Who cancelled (Shopee `cancel_by`, TikTok `cancellation_initiator`), null when not cancelled. */
  cancelledBy: OrderCanceller | null;
  cancelReason: string | null;
  /**
   * The platform's own warehouse fulfils the order (Shopee `fulfillment_flag`
   * `fulfilled_by_shopee`): it must not move the seller's stock.
   */
  fulfilledByPlatform: boolean;
  lines: MarketplaceOrderLine[];
}

export type OrderCanceller = "buyer" | "seller" | "platform";

export interface ListOrdersInput {
  /**
   * Orders updated (or created, with `timeField: "create_time"`) at or after this time (Shopee
   * allows at most 15 days per query: the adapter reads the last 15 days of a longer window).
   */
  updatedSince: Date;
  updatedUntil?: Date;
  /** Which time the window applies to (default update time). */
  timeField?: "update_time" | "create_time";
  /** Only orders in this platform status (one of the platform's own status names). */
  status?: string;
  pageToken?: string | null;
  /** Capped at 100 on both platforms (Shopee's detail call takes 50 at a time). */
  pageSize?: number;
}

export interface OrderPage {
  orders: MarketplaceOrder[];
  nextPageToken: string | null;
}

/** A received webhook as the gateway saw it: raw bytes are required to check the signature. */
export interface WebhookRequest {
  rawBody: string | Uint8Array;
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

export type WebhookParseResult =
  | {
      ok: true;
      platform: Platform;
      /** The platform's event identity, unique per platform: deduplicate on it. */
      eventKey: string;
      /** Platform event code or type number. */
      type: number;
      shopId: string | null;
      sentAt: Date | null;
      events: ChannelEvent[];
    }
  | {
      ok: false;
      platform: Platform;
      reason: "invalid_json" | "invalid_shape" | "unknown_type";
      message: string;
      /** Present when the body parsed far enough to identify it (unknown types): ack and store it. */
      eventKey: string | null;
      type: number | null;
      shopId: string | null;
    };

/**
 * What the stock number we set means on a platform, so no unit is counted twice: the engine pushes
 * our allocation (computed after every known order of every shop is committed) and adds what the
 * platform itself counts in that number.
 */
export interface StockSemantics {
  /** The platform takes the units of its own open orders out of the number we set, at order creation. */
  platformTakesOwnOrders: boolean;
  /** The number we set must include the units the platform holds for a promotion (Shopee). */
  setIncludesPromotionReserved: boolean;
  /** Which of its numbers the platform reports back as the listing's stock. */
  readsBack: "seller_stock" | "available_quantity";
}

export interface ChannelAdapter {
  readonly platform: Platform;
  readonly stockSemantics: StockSemantics;
  /** Largest number of entries one price/stock call takes (per product or item). */
  readonly batchLimit: number;
  /** Longest time window one `listOrders` query may span (Shopee: 15 days); null when unlimited. */
  readonly orderListWindowMs: number | null;
  /** Marketplace performance data (Shopee cumulative item counters, TikTok daily analytics). */
  readonly performance: PerformanceApi;

  authorizationUrl(input: AuthorizationUrlInput): string;
  exchangeCode(input: CodeExchangeInput): Promise<TokenGrant>;
  refreshToken(input: RefreshInput): Promise<TokenSet>;

  getShopInfo(session: ShopSession): Promise<ShopInfo>;
  /** Never throws: failures come back as `ok: false` with the mapped error. */
  checkHealth(session: ShopSession): Promise<ShopHealth>;

  listProducts(session: ShopSession, input?: ListProductsInput): Promise<ProductPage>;
  getProduct(session: ShopSession, productId: string): Promise<ChannelProduct>;
  createListing(session: ShopSession, input: CreateListingInput): Promise<CreatedListing>;
  /**
   * Adds variants to an existing channel product: Shopee appends tier options
   * (`update_tier_variation`) and calls `add_model`; TikTok sends the full product with the new
   * SKUs (`PUT products/{id}`). Returns the new variants' external ids by SKU.
   */
  addVariants(session: ShopSession, productId: string, input: AddVariantsInput): Promise<CreatedListing>;
  /** Resolves with the platform's request id when it gives one. */
  updateListing(
    session: ShopSession,
    productId: string,
    fields: ListingFieldsUpdate,
  ): Promise<{ requestId: string | null }>;
  updatePrices(session: ShopSession, updates: readonly PriceUpdate[]): Promise<BatchResult<PriceUpdate>>;
  updateStock(session: ShopSession, updates: readonly StockUpdate[]): Promise<BatchResult<StockUpdate>>;

  /** Orders updated in a time window, with their lines, a page at a time. */
  listOrders(session: ShopSession, input: ListOrdersInput): Promise<OrderPage>;
  /** Current state of the given orders (at most 50 ids); unknown ids are left out. */
  getOrders(session: ShopSession, orderIds: readonly string[]): Promise<MarketplaceOrder[]>;

  verifyWebhook(request: WebhookRequest): boolean;
  parseWebhook(rawBody: string | Uint8Array): WebhookParseResult;
}

// Marketplace performance (analytics): shapes the adapters' `performance` APIs return.
/**
 * Marketplace performance data. The two platforms differ in kind, so the adapter says which it
 * offers: Shopee gives cumulative counters per item (`get_item_extra_info`, no dates: daily
 * figures are differences of snapshots), TikTok Shop gives daily figures by shop-local date with
 * the latest date it has data for (`latest_available_date`).
 */

/** Shopee item counters as of the call. */
export interface ItemCounters {
  productId: string;
  /** Units sold since the item was listed. */
  sales: number;
  views: number;
  likes: number;
  ratingStar: number;
  commentCount: number;
}

/** Dates are `YYYY-MM-DD` in the shop's time zone; `to` is exclusive. */
export interface DateRange {
  from: string;
  to: string;
}

/** One shop-local day of figures (null where the platform does not report the figure). */
export interface DailyFigures {
  date: string;
  gmv: Money | null;
  orders: number | null;
  unitsSold: number | null;
  pageViews: number | null;
  impressions: number | null;
  /** Decimal string as the platform gives it ("0.1250"). */
  clickThroughRate: string | null;
}

export interface DailySeries {
  days: DailyFigures[];
  /** The last date the platform has data for; later dates in the range are absent. */
  latestAvailableDate: string | null;
}

export interface SkuFigures {
  productId: string;
  variantId: string;
  gmv: Money | null;
  orders: number | null;
  unitsSold: number | null;
}

export interface SkuPage {
  skus: SkuFigures[];
  nextPageToken: string | null;
  latestAvailableDate: string | null;
}

export interface CumulativePerformance {
  kind: "cumulative";
  /** Items per `getItemCounters` call. */
  readonly itemsPerCall: number;
  /** Rate-limit bucket name of the call (one per API). */
  readonly api: string;
  getItemCounters(session: ShopSession, productIds: readonly string[]): Promise<ItemCounters[]>;
}

export interface DailyPerformance {
  kind: "daily";
  readonly apis: { shop: string; product: string; skus: string };
  /** Whole-shop figures per day. */
  getShopDaily(session: ShopSession, range: DateRange): Promise<DailySeries>;
  /** One product's figures per day (traffic: page views, impressions, click-through rate). */
  getProductDaily(session: ShopSession, productId: string, range: DateRange): Promise<DailySeries>;
  /** Every SKU's totals over the range (ask one day at a time for daily figures), a page at a time. */
  listSkus(
    session: ShopSession,
    range: DateRange,
    page?: { pageToken?: string | null; pageSize?: number },
  ): Promise<SkuPage>;
}

export type PerformanceApi = CumulativePerformance | DailyPerformance;
