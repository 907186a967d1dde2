/** The simulator's state: plain JSON so it can be snapshotted to a file as is. */

export type Platform = "shopee" | "tiktok";

export const platforms: readonly Platform[] = ["shopee", "tiktok"];

export interface Shop {
  platform: Platform;
  /** Shopee: numeric shop_id as a string. TikTok: the shop id (a long numeric string). */
  shopId: string;
  name: string;
  region: string;
  currency: string;
  /** TikTok only: the `shop_cipher` shop-scoped calls must carry. */
  cipher?: string;
  /** TikTok only: seller identity returned with tokens. */
  openId?: string;
  /** Stock locations (Shopee `location_id`) or warehouses (TikTok `warehouse_id`). */
  locations: string[];
  createdAt: number;
  /**
   * TikTok only: content edits (title, description, images) wait for review before they go live.
   * Absent or `enabled: false`: they go live at once. `autoApproveMs`: approved after that delay;
   * null: a person approves or rejects from the admin page.
   */
  contentReview?: { enabled: boolean; autoApproveMs: number | null };
}

export interface StockLocation {
  locationId: string;
  /**
   * Shopee: seller stock (sellable, promotion stock included; an order takes its units out at
   * creation). TikTok: available quantity (units of open orders are already taken out).
   */
  stock: number;
}

export interface Variant {
  /** Shopee model_id ("0" for an item without models) or TikTok SKU id. */
  id: string;
  sku: string;
  price: number;
  stock: StockLocation[];
  /**
   * Shopee: units a promotion holds (`total_reserved_stock`); stock may not be set below it.
   * TikTok: campaign-reserved units (informational). Orders never change it.
   */
  reserved: number;
  /** Option index per tier (Shopee `tier_index`); option values come from the product's tiers. */
  tierIndex: number[];
}

export interface Tier {
  name: string;
  options: string[];
  /** Shopee: image id per option (first tier only; absent or "" when the option has none). */
  images?: string[];
}

/** Content fields a seller or the API can edit; TikTok reviews these. */
export interface ContentEdit {
  title?: string;
  description?: string;
  images?: string[];
}

/** TikTok's review of the latest content edit (`audit` in the product detail). */
export interface ProductReview {
  status: "AUDITING" | "APPROVED" | "FAILED";
  reasons: string[];
  /** The edit waiting for review (kept while AUDITING). */
  pending: ContentEdit | null;
  source: "SELLER_CENTER" | "OPEN_API";
  submittedAt: number;
}

export interface Product {
  id: string;
  shopKey: string;
  title: string;
  description: string;
  /** Shopee `item_sku` (TikTok keeps SKUs on variants only). */
  sku: string;
  /** Platform status: Shopee `item_status`, TikTok product `status`. */
  status: string;
  categoryId: string;
  images: string[];
  /** Kilograms. */
  weight: number;
  /** Shopee: whether the item has models (tier variations). TikTok products always have SKUs. */
  hasModel: boolean;
  tiers: Tier[];
  variants: Variant[];
  createTime: number;
  updateTime: number;
  review?: ProductReview;
}

export interface OrderLine {
  productId: string;
  variantId: string;
  sku: string;
  title: string;
  quantity: number;
  price: number;
  /** Product weight (kg), model name ("Red,M") and main image id at the time of the order. */
  weightKg?: number;
  modelName?: string;
  image?: string;
}

export type CancelledBy = "buyer" | "seller" | "system";

export interface Order {
  id: string;
  shopKey: string;
  status: string;
  currency: string;
  lines: OrderLine[];
  trackingNumber?: string;
  /** Unix seconds the buyer paid (absent while unpaid). */
  payTime?: number;
  cancelBy?: CancelledBy;
  cancelReason?: string;
  /** Shopee `fulfillment_flag`: orders fulfilled by Shopee's warehouse must not move seller stock. */
  fulfilledByPlatform?: boolean;
  createTime: number;
  updateTime: number;
}

export interface AuthCode {
  code: string;
  shopKey: string;
  /** Shopee partner_id or TikTok app_key the code was issued to. */
  clientId: string;
  expiresAt: number;
  used: boolean;
}

export interface AccessToken {
  token: string;
  shopKey: string;
  clientId: string;
  expiresAt: number;
  revoked: boolean;
}

export interface RefreshToken {
  token: string;
  shopKey: string;
  clientId: string;
  expiresAt: number;
  /** Shopee refresh tokens are single-use; TikTok's stay valid until they expire. */
  used: boolean;
  revoked: boolean;
}

export interface SimState {
  version: 1;
  shops: Record<string, Shop>;
  products: Record<string, Product>;
  orders: Record<string, Order>;
  codes: Record<string, AuthCode>;
  accessTokens: Record<string, AccessToken>;
  refreshTokens: Record<string, RefreshToken>;
  /** Last id handed out per sequence (items, models, SKUs, orders, shops). */
  sequences: Record<string, number>;
}

export function emptyState(): SimState {
  return {
    version: 1,
    shops: {},
    products: {},
    orders: {},
    codes: {},
    accessTokens: {},
    refreshTokens: {},
    sequences: {},
  };
}

export function shopKeyOf(platform: Platform, shopId: string): string {
  return `${platform}:${shopId}`;
}
