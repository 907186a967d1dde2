import { type Order, type Product, type Shop, type Variant } from "../store/types";

/** TikTok amounts are decimal strings. */
export function amount(value: number): string {
  return value.toFixed(2).replace(/\.00$/, "");
}

function sku(shop: Shop, product: Product, variant: Variant) {
  return {
    id: variant.id,
    seller_sku: variant.sku,
    price: { currency: shop.currency, sale_price: amount(variant.price), tax_exclusive_price: amount(variant.price) },
    inventory: variant.stock.map((entry) => ({ warehouse_id: entry.locationId, quantity: entry.stock })),
    sales_attributes: variant.tierIndex.map((optionIndex, tierIndex) => {
      const tier = product.tiers[tierIndex];
      return {
        id: `10000${tierIndex}`,
        name: tier?.name ?? "",
        value_id: `20000${tierIndex}${optionIndex}`,
        value_name: tier?.options[optionIndex] ?? "",
      };
    }),
  };
}

export function tiktokProductSummary(shop: Shop, product: Product) {
  return {
    id: product.id,
    title: product.title,
    status: product.status,
    skus: product.variants.map((variant) => sku(shop, product, variant)),
    sales_regions: [shop.region],
    create_time: product.createTime,
    update_time: product.updateTime,
    ...(product.review
      ? {
          audit: {
            status: product.review.status,
            failed_reasons: product.review.reasons.length
              ? [{ position: "product", reasons: product.review.reasons }]
              : [],
          },
        }
      : {}),
  };
}

export function tiktokProduct(shop: Shop, product: Product) {
  return {
    ...tiktokProductSummary(shop, product),
    description: product.description,
    category_chains: [{ id: product.categoryId, parent_id: "0", local_name: "Simulated category", is_leaf: true }],
    main_images: product.images.map((uri) => ({
      uri,
      urls: [`https://p16-oec-va.ibyteimg.com/${uri}~tplv-o3syd03w52-origin-jpeg.jpeg`],
      width: 800,
      height: 800,
    })),
    package_weight: { value: amount(product.weight), unit: "KILOGRAM" },
    is_cod_allowed: false,
  };
}

export function tiktokOrder(shop: Shop, order: Order) {
  const total = order.lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
  let lineNo = 0;
  return {
    id: order.id,
    status: order.status,
    create_time: order.createTime,
    update_time: order.updateTime,
    tracking_number: order.trackingNumber ?? "",
    paid_time: order.payTime ?? 0,
    ...(order.status === "CANCELLED"
      ? {
          cancellation_initiator: (order.cancelBy ?? "buyer").toUpperCase(),
          cancel_reason: order.cancelReason ?? "",
        }
      : {}),
    payment: { currency: order.currency, sub_total: amount(total), total_amount: amount(total) },
    // TikTok lists one line item per unit bought.
    line_items: order.lines.flatMap((line) =>
      Array.from({ length: line.quantity }, () => {
        lineNo += 1;
        return {
          id: `${order.id}${String(lineNo).padStart(3, "0")}`,
          product_id: line.productId,
          product_name: line.title,
          sku_id: line.variantId,
          seller_sku: line.sku,
          ...(order.status === "CANCELLED"
            ? { display_status: "CANCELLED", cancel_user: (order.cancelBy ?? "buyer").toUpperCase() }
            : { display_status: order.status }),
          currency: shop.currency,
          original_price: amount(line.price),
          sale_price: amount(line.price),
        };
      }),
    ),
  };
}
