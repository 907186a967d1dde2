import { type ContentReview } from "./content-review";
import { type SimContext } from "./context";
import { SimError } from "./errors";
import { type ShopEvents } from "./events";
import { type NewProduct } from "./store/store";
import { shopeePriceDecimals } from "./store/regions";
import {
  type CancelledBy,
  type Order,
  type OrderLine,
  type Platform,
  type Product,
  type Shop,
  shopKeyOf,
  type Variant,
} from "./store/types";
import { type Delivery } from "./webhooks/dispatcher";

/** TikTok sends an inventory-status webhook when a SKU's stock falls to this or below. */
export const TIKTOK_LOW_STOCK = 5;

const sampleNames = [
  "Cotton T-shirt",
  "Running shoes",
  "Ceramic mug",
  "Phone case",
  "Water bottle",
  "Desk lamp",
  "Backpack",
  "Wireless earbuds",
  "Yoga mat",
  "Notebook",
];
const colours = ["Black", "White", "Red", "Blue"];
const sizes = ["S", "M", "L"];

const orderFlow: Record<
  Platform,
  { paid: string; unpaid: string; shipped: string; cancelled: string; open: string[] }
> = {
  shopee: {
    paid: "READY_TO_SHIP",
    unpaid: "UNPAID",
    shipped: "SHIPPED",
    cancelled: "CANCELLED",
    open: ["UNPAID", "READY_TO_SHIP", "PROCESSED", "RETRY_SHIP"],
  },
  tiktok: {
    paid: "AWAITING_SHIPMENT",
    unpaid: "UNPAID",
    shipped: "IN_TRANSIT",
    cancelled: "CANCELLED",
    open: ["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "AWAITING_COLLECTION"],
  },
};

export interface OrderRequest {
  lines: { productId: string; variantId?: string; quantity: number }[];
  paid?: boolean;
  /** Creation this many days before now (history for analytics). */
  daysAgo?: number;
}

export interface CancelRequest {
  by?: CancelledBy;
  reason?: string;
}

/** What a seller can change on a product in the seller centre. */
export interface SellerEdit {
  title?: string;
  description?: string;
  images?: string[];
  /** Option name → its values renamed in order ({ Colour: ["Crimson", "Navy"] }). */
  options?: Record<string, string[]>;
  price?: number;
  /** Only this variant's price (all variants when absent). */
  variantId?: string;
  /**
   * The seller lists or delists the product: Shopee NORMAL / UNLIST (no push, `update_time`
   * moves), TikTok ACTIVATE / SELLER_DEACTIVATED (type 5 product status webhook).
   */
  status?: "active" | "inactive";
}

export interface ActionResult<T> {
  result: T;
  webhooks: Delivery[];
}

/** Everything a seller can do "in the seller centre"; each action sends the platform's webhooks. */
export class SellerCentre {
  constructor(
    private readonly ctx: SimContext,
    private readonly events: ShopEvents,
    private readonly review: ContentReview,
  ) {}

  createShop(platform: Platform, input: { name?: string; region?: string; products?: number }): Shop {
    const shop = this.ctx.store.createShop(platform, input);
    if (input.products) this.seedProducts(shop, input.products);
    return shop;
  }

  /** Adds `count` generated products, every third one with variants (tiers). */
  seedProducts(shop: Shop, count: number): Product[] {
    const created: Product[] = [];
    const decimals = shop.platform === "shopee" ? shopeePriceDecimals(shop.region) : 2;
    const roundPrice = (value: number) => (decimals === 0 ? Math.round(value * 1000) : Math.round(value * 100) / 100);
    for (let i = 0; i < count; i += 1) {
      const n = this.ctx.store.productsOf(shop).length + 1;
      const name = `${sampleNames[(n - 1) % sampleNames.length] ?? "Product"} ${n}`;
      const skuBase = `SIM-${shop.platform === "shopee" ? "SP" : "TT"}-${String(n).padStart(4, "0")}`;
      const price = roundPrice(5 + this.ctx.random.int(0, 4_000) / 100);
      const withTiers = n % 3 === 0;
      const input: NewProduct = withTiers
        ? {
            title: name,
            tiers: [
              { name: "Colour", options: colours.slice(0, 2) },
              { name: "Size", options: sizes },
            ],
            variants: colours.slice(0, 2).flatMap((colour, c) =>
              sizes.map((size, s) => ({
                sku: `${skuBase}-${colour.slice(0, 3).toUpperCase()}-${size}`,
                price,
                stock: this.ctx.random.int(0, 40),
                tierIndex: [c, s],
              })),
            ),
          }
        : { title: name, variants: [{ sku: skuBase, price, stock: this.ctx.random.int(5, 100) }] };
      created.push(this.ctx.store.createProduct(shop, input));
    }
    return created;
  }

  addProduct(shop: Shop, input: NewProduct): ActionResult<Product> {
    const product = this.ctx.store.createProduct(shop, input);
    return { result: product, webhooks: this.events.productCreated(shop, product) };
  }

  setPrice(shop: Shop, productId: string, variantId: string, price: number): ActionResult<Variant> {
    const { product, variant } = this.variantOf(shop, productId, variantId);
    if (!(price > 0)) throw new SimError(400, "Price must be greater than 0");
    variant.price = price;
    this.ctx.store.touch(product);
    return { result: variant, webhooks: this.events.priceChanged(shop, product, variant.id, price) };
  }

  /**
   * A seller's edit in the seller centre: content (title, description, images) goes through
   * TikTok's review when the shop has it and then sends type 15 with `SELLER_CENTER`; option values
   * are renamed in place (type 15 `product_attributes`); a price applies to every variant (or the
   * one named). Shopee sends nothing for content edits: only `update_time` moves.
   */
  editProduct(shop: Shop, productId: string, edit: SellerEdit): ActionResult<Product> {
    const product = this.ctx.store.requireProduct(shop, productId);
    const webhooks: Delivery[] = [];
    if (edit.options) {
      for (const [name, values] of Object.entries(edit.options)) {
        const tier = product.tiers.find((candidate) => candidate.name === name);
        if (!tier) throw new SimError(400, `Product ${productId} has no option ${name}`);
        if (values.length !== tier.options.length)
          throw new SimError(400, `Option ${name} has ${tier.options.length} values; send that many to rename them`);
        tier.options = [...values];
      }
      this.ctx.store.touch(product);
      webhooks.push(...this.events.productChanged(shop, product, ["product_attributes"]));
    }
    if (edit.status !== undefined) {
      const active = edit.status === "active";
      const status =
        shop.platform === "shopee" ? (active ? "NORMAL" : "UNLIST") : active ? "ACTIVATE" : "SELLER_DEACTIVATED";
      if (product.status !== status) {
        product.status = status;
        this.ctx.store.touch(product);
        webhooks.push(
          ...this.events.productStatus(shop, product, active ? "Activated by the seller" : "Deactivated by the seller"),
        );
      }
    }
    if (edit.price !== undefined) {
      const targets = edit.variantId ? [this.variantOf(shop, productId, edit.variantId).variant] : product.variants;
      for (const variant of targets) webhooks.push(...this.setPrice(shop, productId, variant.id, edit.price).webhooks);
    }
    const content = {
      ...(edit.title !== undefined ? { title: edit.title } : {}),
      ...(edit.description !== undefined ? { description: edit.description } : {}),
      ...(edit.images !== undefined ? { images: edit.images } : {}),
    };
    webhooks.push(...this.review.submit(shop, product, content, "SELLER_CENTER"));
    return { result: product, webhooks };
  }

  /** Turns TikTok's content review on or off for a shop. */
  setContentReview(shop: Shop, review: { enabled: boolean; autoApproveMs: number | null }): Shop {
    if (shop.platform !== "tiktok") throw new SimError(400, "Only TikTok Shop reviews content edits");
    shop.contentReview = review;
    return shop;
  }

  approveReview(shop: Shop, productId: string): ActionResult<Product> {
    const webhooks = this.review.approve(shop, productId);
    return { result: this.ctx.store.requireProduct(shop, productId), webhooks };
  }

  rejectReview(shop: Shop, productId: string, reason: string): ActionResult<Product> {
    const webhooks = this.review.reject(shop, productId, reason);
    return { result: this.ctx.store.requireProduct(shop, productId), webhooks };
  }

  /** Sets the stock at the first location (Shopee seller stock, TikTok available quantity). */
  setStock(shop: Shop, productId: string, variantId: string, stock: number): ActionResult<Variant> {
    const { product, variant } = this.variantOf(shop, productId, variantId);
    if (!Number.isInteger(stock) || stock < 0) throw new SimError(400, "Stock must be a whole number of at least 0");
    if (shop.platform === "shopee" && stock < variant.reserved)
      throw new SimError(400, `Stock ${stock} is below the reserved stock ${variant.reserved}`);
    const first = variant.stock[0];
    if (first) first.stock = stock;
    else variant.stock.push({ locationId: shop.locations[0] ?? "", stock });
    this.ctx.store.touch(product);
    // Neither platform pushes plain stock edits; TikTok only reports low and out of stock.
    return { result: variant, webhooks: this.inventoryAlert(shop, product, variant) };
  }

  deleteProduct(shop: Shop, productId: string): ActionResult<Product> {
    const product = this.ctx.store.requireProduct(shop, productId);
    product.status = shop.platform === "shopee" ? "SELLER_DELETE" : "DELETED";
    this.ctx.store.touch(product);
    // Shopee has no push for a deleted item (polling sees SELLER_DELETE); TikTok sends type 5.
    return { result: product, webhooks: this.events.productStatus(shop, product, "Deleted by the seller") };
  }

  banProduct(shop: Shop, productId: string, reason = "Prohibited listing"): ActionResult<Product> {
    const product = this.ctx.store.requireProduct(shop, productId);
    product.status = shop.platform === "shopee" ? "BANNED" : "PLATFORM_DEACTIVATED";
    this.ctx.store.touch(product);
    return { result: product, webhooks: this.events.productStatus(shop, product, reason) };
  }

  placeOrder(shop: Shop, request: OrderRequest): ActionResult<Order> {
    if (request.lines.length === 0) throw new SimError(400, "An order needs at least one line");
    const lines: { line: OrderLine; variant: Variant; product: Product }[] = request.lines.map((wanted) => {
      const product = this.ctx.store.requireProduct(shop, wanted.productId);
      const variant = wanted.variantId ? product.variants.find((v) => v.id === wanted.variantId) : product.variants[0];
      if (!variant) throw new SimError(404, `Product ${product.id} has no variant ${wanted.variantId ?? ""}`);
      if (!Number.isInteger(wanted.quantity) || wanted.quantity < 1)
        throw new SimError(400, "Quantity must be a whole number of at least 1");
      if (this.available(shop, variant) < wanted.quantity)
        throw new SimError(409, `Only ${this.available(shop, variant)} of ${variant.sku} available`);
      return {
        product,
        variant,
        line: {
          productId: product.id,
          variantId: variant.id,
          sku: variant.sku,
          title: product.title,
          quantity: wanted.quantity,
          price: variant.price,
          weightKg: product.weight,
          modelName: variant.tierIndex.map((option, tier) => product.tiers[tier]?.options[option] ?? "").join(","),
          ...(product.images[0] ? { image: product.images[0] } : {}),
        },
      };
    });
    const now = this.ctx.store.now();
    const createTime = now - (request.daysAgo ?? 0) * 86_400;
    const flow = orderFlow[shop.platform];
    const paid = request.paid !== false;
    const order: Order = {
      id: shop.platform === "shopee" ? this.ctx.store.nextId("shopee.order") : this.ctx.store.nextId("tiktok.order"),
      shopKey: shopKeyOf(shop.platform, shop.shopId),
      status: paid ? flow.paid : flow.unpaid,
      currency: shop.currency,
      lines: lines.map((entry) => entry.line),
      createTime,
      // A backdated order was placed (and last changed) then.
      updateTime: createTime,
      ...(paid ? { payTime: createTime } : {}),
      fulfilledByPlatform: false,
    };
    const webhooks: Delivery[] = [];
    for (const { product, variant, line } of lines) {
      // Both platforms take the units out of sellable stock when the order is created, paid or not.
      this.takeFromLocations(variant, line.quantity);
      this.ctx.store.touch(product);
      webhooks.push(...this.inventoryAlert(shop, product, variant));
    }
    this.ctx.store.saveOrder(order);
    webhooks.unshift(...this.events.orderStatus(shop, order));
    return { result: order, webhooks };
  }

  /** The buyer pays an unpaid order. */
  payOrder(shop: Shop, orderId: string): ActionResult<Order> {
    const order = this.orderOf(shop, orderId);
    const flow = orderFlow[shop.platform];
    if (order.status !== flow.unpaid)
      throw new SimError(409, `Order ${order.id} is ${order.status}; only ${flow.unpaid} orders can be paid`);
    order.status = flow.paid;
    order.payTime = this.ctx.store.now();
    order.updateTime = Math.max(this.ctx.store.now(), order.updateTime);
    return { result: order, webhooks: this.events.orderStatus(shop, order) };
  }

  /**
   * Cancels an open order and gives its units back. A seller cancelling for "OUT_OF_STOCK" also
   * sets the listing's stock to 0, as Shopee does.
   */
  cancelOrder(shop: Shop, orderId: string, input: CancelRequest = {}): ActionResult<Order> {
    const order = this.orderOf(shop, orderId);
    const flow = orderFlow[shop.platform];
    if (!flow.open.includes(order.status))
      throw new SimError(409, `Order ${order.id} is ${order.status} and cannot be cancelled`);
    const by = input.by ?? "buyer";
    const webhooks: Delivery[] = [];
    for (const line of order.lines) {
      const product = this.ctx.store.findProduct(shop, line.productId);
      const variant = product?.variants.find((v) => v.id === line.variantId);
      if (!product || !variant) continue;
      if (by === "seller" && input.reason === "OUT_OF_STOCK") for (const entry of variant.stock) entry.stock = 0;
      else if (variant.stock[0]) variant.stock[0].stock += line.quantity;
      else variant.stock.push({ locationId: shop.locations[0] ?? "", stock: line.quantity });
      this.ctx.store.touch(product);
    }
    order.status = flow.cancelled;
    order.cancelBy = by;
    order.cancelReason = input.reason ?? (by === "buyer" ? "Change of mind" : "Cancelled");
    order.updateTime = Math.max(this.ctx.store.now(), order.updateTime);
    webhooks.unshift(...this.events.orderStatus(shop, order));
    return { result: order, webhooks };
  }

  /** Ships a paid order; the units already left sellable stock when the order was created. */
  shipOrder(shop: Shop, orderId: string): ActionResult<Order> {
    const order = this.orderOf(shop, orderId);
    const flow = orderFlow[shop.platform];
    if (order.status !== flow.paid)
      throw new SimError(409, `Order ${order.id} is ${order.status}; only ${flow.paid} orders can be shipped`);
    order.status = flow.shipped;
    order.trackingNumber = `SIM${this.ctx.random.alnum(10).toUpperCase()}`;
    order.updateTime = Math.max(this.ctx.store.now(), order.updateTime);
    return {
      result: order,
      webhooks: [...this.events.orderStatus(shop, order), ...this.events.trackingNumber(shop, order)],
    };
  }

  /** The buyer confirms receipt of a shipped order. */
  completeOrder(shop: Shop, orderId: string): ActionResult<Order> {
    const order = this.orderOf(shop, orderId);
    const flow = orderFlow[shop.platform];
    if (order.status !== flow.shipped)
      throw new SimError(409, `Order ${order.id} is ${order.status}; only ${flow.shipped} orders can be completed`);
    order.status = "COMPLETED";
    order.updateTime = Math.max(this.ctx.store.now(), order.updateTime);
    return { result: order, webhooks: this.events.orderStatus(shop, order) };
  }

  /** Shopee: units a promotion holds (total_reserved_stock); TikTok: campaign-reserved units. */
  setPromotionReserved(shop: Shop, productId: string, variantId: string, reserved: number): ActionResult<Variant> {
    const { product, variant } = this.variantOf(shop, productId, variantId);
    if (!Number.isInteger(reserved) || reserved < 0)
      throw new SimError(400, "Reserved stock must be a whole number of at least 0");
    const total = variant.stock.reduce((sum, entry) => sum + entry.stock, 0);
    if (reserved > total) throw new SimError(400, `Reserved stock ${reserved} exceeds the stock ${total}`);
    const old = variant.reserved;
    variant.reserved = reserved;
    this.ctx.store.touch(product);
    return { result: variant, webhooks: this.events.reservedStock(shop, product, variant, old) };
  }

  deauthorize(shop: Shop): ActionResult<{ revokedTokens: number }> {
    const revokedTokens = this.ctx.store.revokeShop(shopKeyOf(shop.platform, shop.shopId));
    return { result: { revokedTokens }, webhooks: this.events.deauthorized(shop) };
  }

  /** What a buyer can order: Shopee keeps promotion-reserved units for the promotion's buyers. */
  available(shop: Shop, variant: Variant): number {
    const total = variant.stock.reduce((sum, entry) => sum + entry.stock, 0);
    return shop.platform === "shopee" ? Math.max(0, total - variant.reserved) : total;
  }

  private takeFromLocations(variant: Variant, quantity: number): void {
    let left = quantity;
    for (const entry of variant.stock) {
      const take = Math.min(entry.stock, left);
      entry.stock -= take;
      left -= take;
    }
  }

  private inventoryAlert(shop: Shop, product: Product, variant: Variant): Delivery[] {
    if (shop.platform !== "tiktok") return [];
    const available = this.available(shop, variant);
    if (available > TIKTOK_LOW_STOCK) return [];
    return this.events.inventoryStatus(
      shop,
      product,
      variant.id,
      available === 0 ? "OUT_OF_STOCK" : "LOW_STOCK",
      variant.stock[0]?.locationId ?? "",
    );
  }

  private variantOf(shop: Shop, productId: string, variantId: string): { product: Product; variant: Variant } {
    const product = this.ctx.store.requireProduct(shop, productId);
    const variant = product.variants.find((v) => v.id === variantId);
    if (!variant) throw new SimError(404, `Product ${productId} has no variant ${variantId}`);
    return { product, variant };
  }

  private orderOf(shop: Shop, orderId: string): Order {
    const order = this.ctx.store.findOrder(shop, orderId);
    if (!order) throw new SimError(404, `No order ${orderId} in ${shop.platform} shop ${shop.shopId}`);
    return order;
  }
}
