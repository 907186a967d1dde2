import { type Order, type Product, type Shop, type Variant } from "../store/types";

/** Shopee's JSON shapes for the simulator's products and orders. */

function priceInfo(shop: Shop, variant: Variant) {
  return [{ currency: shop.currency, original_price: variant.price, current_price: variant.price }];
}

function stockInfo(variants: Variant[]) {
  const byLocation = new Map<string, number>();
  let reserved = 0;
  for (const variant of variants) {
    reserved += variant.reserved;
    for (const entry of variant.stock)
      byLocation.set(entry.locationId, (byLocation.get(entry.locationId) ?? 0) + entry.stock);
  }
  const total = [...byLocation.values()].reduce((sum, stock) => sum + stock, 0);
  return {
    summary_info: { total_reserved_stock: reserved, total_available_stock: Math.max(0, total - reserved) },
    seller_stock: [...byLocation.entries()].map(([location_id, stock]) => ({ location_id, stock })),
  };
}

export function shopeeItem(shop: Shop, product: Product) {
  const single = product.variants[0];
  return {
    item_id: Number(product.id),
    category_id: Number(product.categoryId),
    item_name: product.title,
    description: product.description,
    item_sku: product.sku,
    create_time: product.createTime,
    update_time: product.updateTime,
    ...(!product.hasModel && single ? { price_info: priceInfo(shop, single) } : {}),
    image: {
      image_id_list: product.images,
      image_url_list: product.images.map((id) => `https://cf.shopee.sg/file/${id}`),
    },
    weight: product.weight.toFixed(2),
    dimension: { package_length: 10, package_width: 10, package_height: 10 },
    logistic_info: [{ logistic_id: 10001, logistic_name: "Standard Delivery", enabled: true, is_free: false }],
    pre_order: { is_pre_order: false, days_to_ship: 2 },
    condition: "NEW",
    item_status: product.status,
    has_model: product.hasModel,
    brand: { brand_id: 0, original_brand_name: "NoBrand" },
    stock_info_v2: stockInfo(product.variants),
  };
}

export function shopeeModelList(shop: Shop, product: Product) {
  return {
    tier_variation: product.tiers.map((tier) => ({
      name: tier.name,
      option_list: tier.options.map((option) => ({ option })),
    })),
    model: product.hasModel
      ? product.variants.map((variant) => ({
          model_id: Number(variant.id),
          model_sku: variant.sku,
          tier_index: variant.tierIndex,
          price_info: priceInfo(shop, variant),
          stock_info_v2: stockInfo([variant]),
        }))
      : [],
  };
}

/** Fields get_order_detail returns only when `response_optional_fields` names them. */
const shopeeOptionalOrderFields = [
  "buyer_user_id",
  "item_list",
  "total_amount",
  "pay_time",
  "cancel_by",
  "cancel_reason",
  "fulfillment_flag",
  "package_list",
  "currency",
  "update_time",
] as const;

export function shopeeOrder(order: Order, optional: ReadonlySet<string> = new Set(shopeeOptionalOrderFields)) {
  const total = order.lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
  const wants = (field: string) => optional.has(field);
  const cancelled = order.status === "CANCELLED" || order.status === "IN_CANCEL";
  return {
    order_sn: order.id,
    order_status: order.status,
    region: "",
    create_time: order.createTime,
    ...(wants("currency") ? { currency: order.currency } : {}),
    ...(wants("update_time") ? { update_time: order.updateTime } : {}),
    ...(wants("total_amount") ? { total_amount: Math.round(total * 100) / 100 } : {}),
    ...(wants("pay_time") ? { pay_time: order.payTime ?? 0 } : {}),
    ...(wants("cancel_by") ? { cancel_by: cancelled ? (order.cancelBy ?? "") : "" } : {}),
    ...(wants("cancel_reason") ? { cancel_reason: cancelled ? (order.cancelReason ?? "") : "" } : {}),
    ...(wants("fulfillment_flag")
      ? { fulfillment_flag: order.fulfilledByPlatform ? "fulfilled_by_shopee" : "fulfilled_by_cb_seller" }
      : {}),
    ...(wants("package_list")
      ? {
          package_list: [
            {
              package_number: `PKG${order.id}`,
              logistics_status: order.trackingNumber ? "LOGISTICS_PICKUP_DONE" : "LOGISTICS_NOT_START",
              item_list: order.lines.map((line) => ({
                item_id: Number(line.productId),
                model_id: Number(line.variantId),
                model_quantity: line.quantity,
              })),
            },
          ],
        }
      : {}),
    ...(wants("item_list")
      ? {
          item_list: order.lines.map((line) => ({
            item_id: Number(line.productId),
            item_name: line.title,
            item_sku: line.sku,
            model_id: Number(line.variantId),
            model_sku: line.sku,
            model_quantity_purchased: line.quantity,
            model_original_price: line.price,
            model_discounted_price: line.price,
            promotion_type: "",
          })),
        }
      : {}),
  };
}
