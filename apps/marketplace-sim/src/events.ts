import { type SimContext } from "./context";
import { type Order, type Product, type Shop, shopKeyOf, type Variant } from "./store/types";
import { type Delivery } from "./webhooks/dispatcher";

/**
 * Webhook payloads of both platforms for what happens in a shop. Shopee pushes carry
 * `{msg_id, code, shop_id, timestamp, data}`; TikTok's `{type, tts_notification_id, shop_id, timestamp, data}`.
 */
export class ShopEvents {
  constructor(private readonly ctx: SimContext) {}

  /** `envelope`: top-level fields some codes carry besides `data` (code 1's `success`, `extra`). */
  private shopee(
    shop: Shop,
    kind: string,
    code: number,
    data: Record<string, unknown>,
    envelope: Record<string, unknown> = {},
  ): Delivery[] {
    return this.ctx.dispatcher.send({
      platform: "shopee",
      shopKey: shopKeyOf("shopee", shop.shopId),
      shopId: shop.shopId,
      kind,
      build: (messageId) => ({
        msg_id: messageId,
        code,
        shop_id: Number(shop.shopId),
        ...envelope,
        timestamp: this.ctx.store.now(),
        data,
      }),
    });
  }

  private tiktok(shop: Shop, kind: string, type: number, data: Record<string, unknown>): Delivery[] {
    return this.ctx.dispatcher.send({
      platform: "tiktok",
      shopKey: shopKeyOf("tiktok", shop.shopId),
      shopId: shop.shopId,
      kind,
      build: (messageId) => ({
        type,
        tts_notification_id: messageId,
        shop_id: shop.shopId,
        timestamp: this.ctx.store.now(),
        data,
      }),
    });
  }

  authorized(shop: Shop): Delivery[] {
    if (shop.platform === "shopee")
      // As Shopee's push-signing example (developer guide 18) shows a code 1 body: `success` and
      // `extra` beside `data` (packages/channels/contracts/shopee-pushes/1-shop-authorized.json).
      return this.shopee(
        shop,
        "shop_authorized",
        1,
        { shop_id: Number(shop.shopId) },
        { success: 1, extra: `shop_id ${shop.shopId} is authorized successfully` },
      );
    return [];
  }

  deauthorized(shop: Shop): Delivery[] {
    if (shop.platform === "shopee")
      return this.shopee(shop, "shop_deauthorized", 2, {
        shop_id: Number(shop.shopId),
        success: 1,
        extra: "deauthorized",
      });
    return this.tiktok(shop, "seller_deauthorization", 6, {
      message: "The seller has deauthorized the app.",
      timestamp: this.ctx.store.now(),
    });
  }

  orderStatus(shop: Shop, order: Order): Delivery[] {
    if (shop.platform === "shopee") {
      return this.shopee(shop, "order_status", 3, {
        // As in the order status push get_lost_push_message documents (an empty `items`).
        items: [],
        ordersn: order.id,
        status: order.status,
        completed_scenario: "",
        update_time: order.updateTime,
      });
    }
    return this.tiktok(shop, "order_status", 1, {
      order_id: order.id,
      // The webhook says CANCEL where the API says CANCELLED.
      order_status: order.status === "CANCELLED" ? "CANCEL" : order.status,
      is_on_hold_order: false,
      update_time: order.updateTime,
    });
  }

  trackingNumber(shop: Shop, order: Order): Delivery[] {
    if (shop.platform !== "shopee" || !order.trackingNumber) return [];
    return this.shopee(shop, "tracking_number", 4, {
      ordersn: order.id,
      forder_id: order.id,
      package_number: `PKG${order.id}`,
      tracking_no: order.trackingNumber,
    });
  }

  /** Shopee code 8: the promotion-reserved stock of a model changed. */
  reservedStock(shop: Shop, product: Product, variant: Variant, old: number): Delivery[] {
    if (shop.platform !== "shopee") return [];
    return this.shopee(shop, "reserved_stock_change", 8, {
      shop_id: Number(shop.shopId),
      item_id: Number(product.id),
      variation_id: Number(variant.id),
      action: variant.reserved > old ? "place_order" : "cancel_order",
      changed_values: [{ name: "reserved_stock", old, new: variant.reserved }],
      update_time: product.updateTime,
    });
  }

  priceChanged(shop: Shop, product: Product, variantId: string, price: number): Delivery[] {
    if (shop.platform === "shopee") {
      // Code 22 (price update) is unconfirmed in Shopee's documentation.
      return this.shopee(shop, "price_update", 22, {
        item_id: Number(product.id),
        model_id: Number(variantId),
        price_info: [{ currency: shop.currency, original_price: price, current_price: price }],
        update_time: product.updateTime,
      });
    }
    return this.productChanged(shop, product, ["price"]);
  }

  /** TikTok type 15: product information changed (in the seller centre, or through the API: `OPEN_API`). */
  productChanged(
    shop: Shop,
    product: Product,
    changedFields: string[],
    source: "SELLER_CENTER" | "OPEN_API" = "SELLER_CENTER",
  ): Delivery[] {
    if (shop.platform !== "tiktok") return [];
    return this.tiktok(shop, "product_information_change", 15, {
      product_id: product.id,
      change_source: source,
      changed_fields: changedFields,
      update_time: product.updateTime,
    });
  }

  /** TikTok type 27: a SKU went low or out of stock (there is no event for other stock changes). */
  inventoryStatus(
    shop: Shop,
    product: Product,
    skuId: string,
    status: "LOW_STOCK" | "OUT_OF_STOCK",
    warehouseId: string,
  ): Delivery[] {
    if (shop.platform !== "tiktok") return [];
    return this.tiktok(shop, "inventory_status", 27, {
      product_id: product.id,
      sku_id: skuId,
      warehouse_id: warehouseId,
      inventory_status: status,
      update_time: product.updateTime,
    });
  }

  /** TikTok type 5 (product status) or Shopee code 6 (banned item). */
  productStatus(shop: Shop, product: Product, reason: string): Delivery[] {
    if (shop.platform === "shopee") {
      if (product.status !== "BANNED") return [];
      return this.shopee(shop, "banned_item", 6, {
        item_id: Number(product.id),
        item_name: product.title,
        item_status: "BANNED",
        reason,
        update_time: product.updateTime,
      });
    }
    return this.tiktok(shop, "product_status", 5, {
      product_id: product.id,
      status: product.status,
      suspended_reason: reason,
      update_time: product.updateTime,
    });
  }

  productCreated(shop: Shop, product: Product): Delivery[] {
    if (shop.platform !== "tiktok") return [];
    return this.tiktok(shop, "product_created", 16, {
      product_id: product.id,
      status: product.status,
      update_time: product.updateTime,
    });
  }
}
