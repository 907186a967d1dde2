import { type Order, type Product, type Shop, type Tier, type Variant } from "../store/types";

/** Shopee's JSON shapes for the simulator's products and orders. */

/**
 * No inflated (tax-inclusive display) prices and no SIP (cross-border) pricing in the simulator:
 * the inflated prices equal the prices, the SIP price is 0 with no source.
 */
function priceInfo(shop: Shop, variant: Variant) {
  return [
    {
      currency: shop.currency,
      original_price: variant.price,
      current_price: variant.price,
      inflated_price_of_original_price: variant.price,
      inflated_price_of_current_price: variant.price,
      sip_item_price: 0,
      sip_item_price_source: "",
      sip_item_price_currency: "",
    },
  ];
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
    seller_stock: [...byLocation.entries()].map(([location_id, stock]) => ({ location_id, stock, if_saleable: true })),
    // Seller-fulfilled shops hold no stock in Shopee's warehouses.
    shopee_stock: [],
  };
}

const imageUrl = (id: string) => (id ? `https://cf.shopee.sg/file/${id}` : "");

/** The simulator's one logistics channel, free of charge to the buyer. */
const logisticInfo = [
  {
    logistic_id: 10001,
    logistic_name: "Standard Delivery",
    enabled: true,
    is_free: false,
    shipping_fee: 0,
    size_id: 0,
    estimated_shipping_fee: 0,
  },
];

const dimension = { package_length: 10, package_width: 10, package_height: 10 };
const preOrder = { is_pre_order: false, days_to_ship: 2 };

/** Fields of an item with no counterpart in the simulator, answered empty (PL-only, BR-only, media). */
const emptyItemFields = {
  item_dangerous: 0,
  complaint_policy: {
    warranty_time: "",
    exclude_entrepreneur_warranty: false,
    complaint_address_id: 0,
    additional_information: "",
  },
  video_info: [],
};

/** The description in both forms: plain (`description`) and extended (one text field). */
function descriptionInfo(product: Product) {
  return {
    description_type: "normal",
    description_info: {
      extended_description: {
        field_list: [{ field_type: "text", text: product.description, image_info: { image_id: "", image_url: "" } }],
      },
    },
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
    attribute_list: [],
    ...(!product.hasModel && single ? { price_info: priceInfo(shop, single) } : {}),
    image: {
      image_id_list: product.images,
      image_url_list: product.images.map(imageUrl),
    },
    weight: product.weight.toFixed(2),
    dimension,
    logistic_info: logisticInfo,
    pre_order: preOrder,
    wholesales: [],
    condition: "NEW",
    size_chart: "",
    item_status: product.status,
    deboost: "false",
    has_model: product.hasModel,
    promotion_id: 0,
    brand: { brand_id: 0, original_brand_name: "NoBrand" },
    ...emptyItemFields,
    tax_info: {
      ncm: "",
      diff_state_cfop: "",
      csosn: "",
      origin: "",
      cest: "",
      measure_unit: "",
      invoice_option: "",
      vat_rate: "",
      hs_code: "",
      tax_code: "",
    },
    ...descriptionInfo(product),
    stock_info_v2: stockInfo(product.variants),
  };
}

/** add_item's and update_item's answer: the item as saved, in those pages' shape. */
export function shopeeSavedItem(shop: Shop, product: Product) {
  const single = product.variants[0];
  return {
    item_id: Number(product.id),
    category_id: Number(product.categoryId),
    item_name: product.title,
    description: product.description,
    item_sku: product.sku,
    item_status: product.status,
    weight: product.weight,
    ...(!product.hasModel && single
      ? { price_info: { original_price: single.price, current_price: single.price } }
      : {}),
    images: { image_id_list: product.images, image_url_list: product.images.map(imageUrl) },
    dimension,
    logistic_info: logisticInfo,
    pre_order: preOrder,
    condition: "NEW",
    brand: { brand_id: 0, original_brand_name: "NoBrand" },
    attributes: [],
    wholesale: [],
    ...emptyItemFields,
    ...descriptionInfo(product),
  };
}

function optionImage(tier: Tier, index: number) {
  const id = tier.images?.[index] ?? "";
  return { image_id: id, image_url: imageUrl(id) };
}

export function shopeeModelList(shop: Shop, product: Product) {
  return {
    tier_variation: product.tiers.map((tier) => ({
      name: tier.name,
      option_list: tier.options.map((option, index) => ({ option, image: optionImage(tier, index) })),
    })),
    standardise_tier_variation: product.tiers.map((tier) => ({
      variation_id: 0,
      variation_group_id: 0,
      variation_name: tier.name,
      variation_option_list: tier.options.map((option, index) => ({
        variation_option_id: 0,
        variation_option_name: option,
        ...optionImage(tier, index),
      })),
    })),
    model: product.hasModel
      ? product.variants.map((variant) => ({
          model_id: Number(variant.id),
          model_sku: variant.sku,
          model_status: "MODEL_NORMAL",
          tier_index: variant.tierIndex,
          price_info: priceInfo(shop, variant),
          stock_info_v2: stockInfo([variant]),
          pre_order: preOrder,
          gtin_code: "",
          weight: product.weight.toFixed(2),
          dimension,
        }))
      : [],
  };
}

/** The simulator's one carrier and logistics channel (Shopee's "Standard Delivery"). */
const carrier = { name: "Standard Delivery", channelId: 10001 };
const DAY = 86_400;
const DAYS_TO_SHIP = 2;

/** A simulated buyer's delivery address, the same for every order of a region (the simulator has no buyers). */
function recipientAddress(region: string) {
  return {
    name: "S******r",
    phone: "******00",
    town: "",
    district: "",
    city: "Sim City",
    state: "",
    region,
    zipcode: "000000",
    full_address: "1 S******t",
  };
}

/**
 * Shopee's order detail. The documented example answers every field although its request names
 * only `total_amount` in `response_optional_fields`; the fixture wins, so every field is answered.
 * Values come from the order where it has them (times, items, tracking, cancellation); the rest is
 * the simulated shop's one carrier, buyer and payment method.
 */
export function shopeeOrder(shop: Shop, order: Order) {
  const total = order.lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
  const cancelled = order.status === "CANCELLED" || order.status === "IN_CANCEL";
  const weight = (line: Order["lines"][number]) => line.weightKg ?? 0;
  const location = shop.locations[0] ?? "";
  const shipped = order.trackingNumber !== undefined;
  const orderItemId = (line: Order["lines"][number]) => Number(line.productId);
  return {
    order_sn: order.id,
    order_status: order.status,
    region: shop.region,
    create_time: order.createTime,
    update_time: order.updateTime,
    currency: order.currency,
    total_amount: Math.round(total * 100) / 100,
    pay_time: order.payTime ?? 0,
    cancel_by: cancelled ? (order.cancelBy ?? "") : "",
    cancel_reason: cancelled ? (order.cancelReason ?? "") : "",
    buyer_cancel_reason: cancelled && order.cancelBy === "buyer" ? (order.cancelReason ?? "") : "",
    fulfillment_flag: order.fulfilledByPlatform ? "fulfilled_by_shopee" : "fulfilled_by_local_seller",
    // The simulator's one buyer per shop.
    buyer_user_id: Number(shop.shopId) + 1,
    buyer_username: `buyer${shop.shopId}`,
    buyer_cpf_id: null,
    cod: false,
    payment_method: "Credit Card/Debit Card",
    days_to_ship: DAYS_TO_SHIP,
    ship_by_date: (order.payTime ?? order.createTime) + DAYS_TO_SHIP * DAY,
    estimated_shipping_fee: 0,
    actual_shipping_fee_confirmed: false,
    reverse_shipping_fee: 0,
    shipping_carrier: carrier.name,
    pickup_done_time: shipped ? order.updateTime : 0,
    goods_to_declare: false,
    split_up: false,
    message_to_seller: "",
    note: "",
    note_update_time: 0,
    dropshipper: null,
    dropshipper_phone: null,
    invoice_data: null,
    recipient_address: recipientAddress(shop.region),
    package_list: [
      {
        package_number: `PKG${order.id}`,
        group_shipment_id: null,
        logistics_status: shipped ? "LOGISTICS_PICKUP_DONE" : "LOGISTICS_NOT_START",
        shipping_carrier: carrier.name,
        logistics_channel_id: carrier.channelId,
        allow_self_design_awb: false,
        sorting_group: "",
        parcel_chargeable_weight_gram: Math.round(
          order.lines.reduce((sum, line) => sum + weight(line) * line.quantity, 0) * 1000,
        ),
        item_list: order.lines.map((line) => ({
          item_id: Number(line.productId),
          model_id: Number(line.variantId),
          model_quantity: line.quantity,
          order_item_id: orderItemId(line),
          product_location_id: location,
          promotion_group_id: 0,
        })),
      },
    ],
    item_list: order.lines.map((line) => ({
      item_id: Number(line.productId),
      item_name: line.title,
      item_sku: line.sku,
      model_id: Number(line.variantId),
      model_name: line.modelName ?? "",
      model_sku: line.sku,
      model_quantity_purchased: line.quantity,
      model_original_price: line.price,
      model_discounted_price: line.price,
      order_item_id: orderItemId(line),
      promotion_type: "",
      promotion_id: 0,
      promotion_group_id: 0,
      add_on_deal: false,
      add_on_deal_id: 0,
      main_item: false,
      wholesale: false,
      is_b2c_owned_item: false,
      is_prescription_item: false,
      image_info: { image_url: line.image ? `https://cf.shopee.sg/file/${line.image}_tn` : "" },
      product_location_id: [location],
      weight: weight(line),
    })),
  };
}
