import { type Clock, nowSeconds } from "../clock";
import { SimError } from "../errors";
import { type Random } from "../random";
import { currencyOf, defaultRegion } from "./regions";
import {
  type AccessToken,
  type AuthCode,
  emptyState,
  type Order,
  type Platform,
  type Product,
  type RefreshToken,
  type Shop,
  shopKeyOf,
  type SimState,
  type Variant,
} from "./types";

/** Where each id sequence starts; the numbers look like the platforms' own ids. */
const sequenceStarts: Record<string, number> = {
  "shopee.shop": 100_000_000,
  "shopee.item": 800_000_000,
  "shopee.model": 900_000_000,
  "shopee.order": 0,
  "tiktok.shop": 0,
  "tiktok.product": 0,
  "tiktok.sku": 0,
  "tiktok.order": 0,
  "tiktok.warehouse": 0,
};

export interface NewVariant {
  sku: string;
  price: number;
  stock: number | { locationId?: string; stock: number }[];
  tierIndex?: number[];
}

export interface NewProduct {
  title: string;
  description?: string;
  sku?: string;
  status?: string;
  categoryId?: string;
  images?: string[];
  weight?: number;
  tiers?: { name: string; options: string[] }[];
  /** Without tiers: one variant (Shopee item without models, TikTok single-SKU product). */
  variants: NewVariant[];
}

/** All simulator data and the primitive operations on it; platform rules live in the routes. */
export class SimStore {
  state: SimState;

  constructor(
    readonly clock: Clock,
    readonly random: Random,
    state?: SimState,
  ) {
    this.state = state ?? emptyState();
  }

  now(): number {
    return nowSeconds(this.clock);
  }

  nextId(sequence: string): string {
    const last = this.state.sequences[sequence] ?? sequenceStarts[sequence] ?? 0;
    const next = last + 1;
    this.state.sequences[sequence] = next;
    if (sequence.startsWith("tiktok.")) {
      // TikTok ids are 19-digit strings; a per-kind prefix keeps kinds apart.
      const prefix =
        {
          "tiktok.shop": "74941",
          "tiktok.product": "17293",
          "tiktok.sku": "17294",
          "tiktok.order": "57640",
          "tiktok.warehouse": "73000",
        }[sequence] ?? "10000";
      return prefix + String(next).padStart(14, "0");
    }
    if (sequence === "shopee.order") {
      // Shopee order_sn: yymmdd + 8 alphanumerics.
      const date = new Date(this.clock.now()).toISOString().slice(2, 10).replaceAll("-", "");
      return `${date}${String(next).padStart(4, "0")}${this.random.alnum(4).toUpperCase()}`;
    }
    return String(next);
  }

  // ---- shops ------------------------------------------------------------------------------

  createShop(platform: Platform, input: { name?: string; region?: string }): Shop {
    const region = (input.region ?? defaultRegion(platform)).toUpperCase();
    const currency = currencyOf(platform, region);
    if (!currency) throw new SimError(400, `Region ${region} is not supported for ${platform}`);
    const shopId = this.nextId(`${platform}.shop`);
    const count = this.listShops(platform).length + 1;
    const shop: Shop = {
      platform,
      shopId,
      name: input.name?.trim() || `${platform === "shopee" ? "Shopee" : "TikTok"} demo shop ${count}`,
      region,
      currency,
      locations: platform === "shopee" ? [`${region}Z`] : [this.nextId("tiktok.warehouse")],
      createdAt: this.now(),
    };
    if (platform === "tiktok") {
      shop.cipher = `ROW_${this.random.alnum(24)}`;
      shop.openId = this.random.alnum(30);
    }
    this.state.shops[shopKeyOf(platform, shopId)] = shop;
    return shop;
  }

  listShops(platform?: Platform): Shop[] {
    return Object.values(this.state.shops).filter((shop) => !platform || shop.platform === platform);
  }

  findShop(platform: Platform, shopId: string): Shop | undefined {
    return this.state.shops[shopKeyOf(platform, shopId)];
  }

  requireShop(platform: Platform, shopId: string): Shop {
    const shop = this.findShop(platform, shopId);
    if (!shop) throw new SimError(404, `No ${platform} shop ${shopId}; list shops with GET /admin/shops`);
    return shop;
  }

  shopByKey(shopKey: string): Shop {
    const shop = this.state.shops[shopKey];
    if (!shop) throw new SimError(404, `No shop ${shopKey}`);
    return shop;
  }

  // ---- products ---------------------------------------------------------------------------

  createProduct(shop: Shop, input: NewProduct): Product {
    const key = shopKeyOf(shop.platform, shop.shopId);
    const now = this.now();
    const tiers = input.tiers ?? [];
    const hasModel = tiers.length > 0;
    if (input.variants.length === 0) throw new SimError(400, "A product needs at least one variant");
    if (!hasModel && input.variants.length > 1)
      throw new SimError(400, "Several variants need tiers (option names and values)");
    const variants = input.variants.map((variant, index): Variant => {
      const id =
        shop.platform === "shopee" ? (hasModel ? this.nextId("shopee.model") : "0") : this.nextId("tiktok.sku");
      const stock =
        typeof variant.stock === "number"
          ? [{ locationId: shop.locations[0] ?? "", stock: variant.stock }]
          : variant.stock.map((entry) => ({
              locationId: entry.locationId ?? shop.locations[0] ?? "",
              stock: entry.stock,
            }));
      return {
        id,
        sku: variant.sku,
        price: variant.price,
        stock,
        reserved: 0,
        tierIndex: variant.tierIndex ?? (hasModel ? [index] : []),
      };
    });
    const product: Product = {
      id: shop.platform === "shopee" ? this.nextId("shopee.item") : this.nextId("tiktok.product"),
      shopKey: key,
      title: input.title,
      description: input.description ?? `${input.title}: a product of the simulator.`,
      sku: input.sku ?? (hasModel ? "" : (input.variants[0]?.sku ?? "")),
      status: input.status ?? (shop.platform === "shopee" ? "NORMAL" : "ACTIVATE"),
      categoryId: input.categoryId ?? (shop.platform === "shopee" ? "100001" : "600001"),
      images: input.images ?? [`sim-image-${this.random.hex(12)}`],
      weight: input.weight ?? 0.5,
      hasModel,
      tiers,
      variants,
      createTime: now,
      updateTime: now,
    };
    this.state.products[product.id] = product;
    return product;
  }

  productsOf(shop: Shop): Product[] {
    const key = shopKeyOf(shop.platform, shop.shopId);
    return Object.values(this.state.products).filter((product) => product.shopKey === key);
  }

  findProduct(shop: Shop, productId: string): Product | undefined {
    const product = this.state.products[productId];
    return product && product.shopKey === shopKeyOf(shop.platform, shop.shopId) ? product : undefined;
  }

  requireProduct(shop: Shop, productId: string): Product {
    const product = this.findProduct(shop, productId);
    if (!product) throw new SimError(404, `No product ${productId} in ${shop.platform} shop ${shop.shopId}`);
    return product;
  }

  /** Marks a product changed (update_time) and makes sure the next change gets a later time. */
  touch(product: Product): void {
    product.updateTime = Math.max(this.now(), product.updateTime);
  }

  // ---- orders -----------------------------------------------------------------------------

  saveOrder(order: Order): void {
    this.state.orders[order.id] = order;
  }

  ordersOf(shop: Shop): Order[] {
    const key = shopKeyOf(shop.platform, shop.shopId);
    return Object.values(this.state.orders)
      .filter((order) => order.shopKey === key)
      .sort((a, b) => a.createTime - b.createTime || a.id.localeCompare(b.id));
  }

  findOrder(shop: Shop, orderId: string): Order | undefined {
    const order = this.state.orders[orderId];
    return order && order.shopKey === shopKeyOf(shop.platform, shop.shopId) ? order : undefined;
  }

  // ---- authorization ----------------------------------------------------------------------

  issueCode(shop: Shop, clientId: string, ttlSeconds: number): AuthCode {
    const code: AuthCode = {
      code: this.random.hex(32),
      shopKey: shopKeyOf(shop.platform, shop.shopId),
      clientId,
      expiresAt: this.now() + ttlSeconds,
      used: false,
    };
    this.state.codes[code.code] = code;
    return code;
  }

  /** Returns the code if it is valid for this client and marks it used (codes are single-use). */
  consumeCode(code: string, clientId: string): AuthCode | undefined {
    const found = this.state.codes[code];
    if (!found || found.used || found.clientId !== clientId || found.expiresAt < this.now()) return undefined;
    found.used = true;
    return found;
  }

  issueTokens(
    shopKey: string,
    clientId: string,
    accessTtl: number,
    refreshTtl: number,
    tokenLength: number,
  ): { access: AccessToken; refresh: RefreshToken } {
    const now = this.now();
    const access = this.issueAccessToken(shopKey, clientId, accessTtl, tokenLength);
    const refresh: RefreshToken = {
      token: this.random.alnum(tokenLength),
      shopKey,
      clientId,
      expiresAt: now + refreshTtl,
      used: false,
      revoked: false,
    };
    this.state.refreshTokens[refresh.token] = refresh;
    return { access, refresh };
  }

  issueAccessToken(shopKey: string, clientId: string, ttl: number, tokenLength: number): AccessToken {
    const access: AccessToken = {
      token: this.random.alnum(tokenLength),
      shopKey,
      clientId,
      expiresAt: this.now() + ttl,
      revoked: false,
    };
    this.state.accessTokens[access.token] = access;
    return access;
  }

  /** The access token when it is known, unrevoked and unexpired. */
  validAccessToken(token: string): AccessToken | undefined {
    const found = this.state.accessTokens[token];
    return found && !found.revoked && found.expiresAt >= this.now() ? found : undefined;
  }

  /** Revokes every token of a shop (deauthorization). */
  revokeShop(shopKey: string): number {
    let count = 0;
    for (const token of Object.values(this.state.accessTokens)) {
      if (token.shopKey === shopKey && !token.revoked) {
        token.revoked = true;
        count += 1;
      }
    }
    for (const token of Object.values(this.state.refreshTokens)) if (token.shopKey === shopKey) token.revoked = true;
    return count;
  }

  /**
   * Removes a shop and everything that belongs to it: products, orders, authorization codes and
   * tokens (so a client still holding one is refused). Returns what was removed.
   */
  deleteShop(shop: Shop): { products: number; orders: number; tokens: number } {
    const shopKey = shopKeyOf(shop.platform, shop.shopId);
    const removed = { products: 0, orders: 0, tokens: 0 };
    for (const [key, product] of Object.entries(this.state.products)) {
      if (product.shopKey !== shopKey) continue;
      delete this.state.products[key];
      removed.products += 1;
    }
    for (const [key, order] of Object.entries(this.state.orders)) {
      if (order.shopKey !== shopKey) continue;
      delete this.state.orders[key];
      removed.orders += 1;
    }
    for (const [key, code] of Object.entries(this.state.codes))
      if (code.shopKey === shopKey) delete this.state.codes[key];
    for (const tokens of [this.state.accessTokens, this.state.refreshTokens]) {
      for (const [key, token] of Object.entries(tokens)) {
        if (token.shopKey !== shopKey) continue;
        delete tokens[key];
        removed.tokens += 1;
      }
    }
    delete this.state.shops[shopKey];
    return removed;
  }

  /** Makes every access token of a shop expire now (an admin shortcut for testing refresh). */
  expireAccessTokens(shopKey: string): number {
    let count = 0;
    const past = this.now() - 1;
    for (const token of Object.values(this.state.accessTokens)) {
      if (token.shopKey === shopKey && token.expiresAt > past) {
        token.expiresAt = past;
        count += 1;
      }
    }
    return count;
  }

  /** Drops expired codes and tokens long past their expiry so a long-running simulator stays small. */
  prune(): void {
    const horizon = this.now() - 86_400;
    for (const [key, code] of Object.entries(this.state.codes))
      if (code.expiresAt < horizon) delete this.state.codes[key];
    for (const [key, token] of Object.entries(this.state.accessTokens))
      if (token.expiresAt < horizon) delete this.state.accessTokens[key];
    for (const [key, token] of Object.entries(this.state.refreshTokens))
      if (token.expiresAt < horizon) delete this.state.refreshTokens[key];
  }
}

export function totalStock(variant: Variant): number {
  return variant.stock.reduce((sum, entry) => sum + entry.stock, 0);
}
