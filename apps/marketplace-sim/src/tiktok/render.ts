import { type Order, type Product, type Shop, type Variant } from "../store/types";

/** TikTok amounts are decimal strings. */
export function amount(value: number): string {
  return value.toFixed(2).replace(/\.00$/, "");
}

function imageUrl(uri: string, size?: number): string {
  const variant = size ? `resize-jpeg:${size}:${size}` : "origin-jpeg";
  return `https://p16-oec-va.ibyteimg.com/${uri}~tplv-o3syd03w52-${variant}.jpeg`;
}

/** TikTok's image object for an uploaded image (the simulator keeps 800 × 800 images). */
function image(uri: string) {
  return { uri, urls: [imageUrl(uri)], thumb_urls: [imageUrl(uri, 300)], width: 800, height: 800 };
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

/** The SKU as Get Product details it: the summary's fields and the ones only the detail carries. */
function skuDetail(shop: Shop, product: Product, variant: Variant) {
  const summary = sku(shop, product, variant);
  const mainImage = product.images[0];
  return {
    ...summary,
    // No unit pricing in the simulator: the unit is the SKU itself.
    price: { ...summary.price, unit_price: summary.price.sale_price },
    // Seller-fulfilled warehouses: no backorders, the shop's default handling time.
    inventory: summary.inventory.map((entry) => ({ ...entry, backorder_quantity: 0, handling_time: 2 })),
    sales_attributes: summary.sales_attributes.map((attribute) => ({
      ...attribute,
      sku_img: mainImage ? image(mainImage) : null,
      supplementary_sku_images: [],
    })),
    identifier_code: { code: "", type: "" },
    external_sku_id: "",
    combined_skus: [],
    global_listing_policy: null,
    sku_unit_count: "1.00",
    external_urls: [],
    extra_identifier_codes: [],
    pre_sale: null,
    list_price: { amount: amount(variant.price), currency: shop.currency },
    external_list_prices: [],
    status_info: { status: product.status === "ACTIVATE" ? "NORMAL" : "DEACTIVATED", deactivation_source: "" },
    fees: [],
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

/**
 * Get Product's detail. Objects the simulated product has none of (video, size chart, global
 * product association, pre-sale) are null; lists it has none of are empty; TikTok's audit of an
 * product never edited reads APPROVED.
 */
export function tiktokProduct(shop: Shop, product: Product) {
  const summary = tiktokProductSummary(shop, product);
  const review = product.review;
  return {
    ...summary,
    product_status: product.status,
    skus: product.variants.map((variant) => skuDetail(shop, product, variant)),
    description: product.description,
    category_chains: [{ id: product.categoryId, parent_id: "0", local_name: "Simulated category", is_leaf: true }],
    recommended_categories: [],
    brand: { id: "", name: "" },
    main_images: product.images.map(image),
    video: null,
    package_dimensions: { length: "10", width: "10", height: "10", unit: "CENTIMETER" },
    package_weight: { value: amount(product.weight), unit: "KILOGRAM" },
    is_cod_allowed: false,
    certifications: [],
    size_chart: null,
    product_attributes: [],
    audit: review
      ? { status: review.status, pre_approved_reasons: [], failed_reasons: summary.audit?.failed_reasons ?? [] }
      : { status: "APPROVED", pre_approved_reasons: [], failed_reasons: [] },
    audit_failed_reasons:
      review && review.reasons.length ? [{ position: "product", reasons: review.reasons, suggestions: [] }] : [],
    delivery_options: [{ id: "7091146663229654785", name: "Standard shipping", is_available: true }],
    external_product_id: "",
    product_types: [],
    is_not_for_sale: false,
    manufacturer_ids: [],
    responsible_person_ids: [],
    listing_quality_tier: "",
    integrated_platform_statuses: [],
    shipping_insurance_requirement: "OPTIONAL",
    minimum_order_quantity: 1,
    is_pre_owned: false,
    global_product_association: null,
    prescription_requirement: { needs_prescription: false },
    product_families: [],
    subscribe_info: null,
    has_draft: review?.status === "AUDITING",
    primary_combined_product_id: "",
    is_replicated: false,
    shipping_template_id: "",
  };
}

/** A simulated buyer's delivery address, the same for every order of a region (the simulator has no buyers). */
function recipientAddress(region: string) {
  return {
    full_address: `1 Simulator Street, Sim City ${region} 00000`,
    phone_number: "(+0)000-***-0000",
    name: "Simulated Buyer",
    first_name: "Simulated",
    last_name: "Buyer",
    first_name_local_script: "",
    last_name_local_script: "",
    region_code: region,
    postal_code: "00000",
    post_town: "Sim City",
    address_line1: "1 Simulator Street",
    address_line2: "",
    address_line3: "",
    address_line4: "",
    district_info: [{ address_level_name: "Country", address_name: region, address_level: "L0" }],
    delivery_preferences: { drop_off_location: "" },
    address_detail: "",
  };
}

/** One simulated carrier and warehouse-side delivery option for every shop. */
const carrier = { id: "6617675021119438849", name: "Simulated Express" };
const DAY = 86_400;

/** TikTok package status for an order status (every order ships as one package). */
function packageStatus(status: string): string {
  if (status === "CANCELLED") return "CANCELLED";
  if (status === "UNPAID" || status === "ON_HOLD" || status === "AWAITING_SHIPMENT") return "TO_FULFILL";
  if (status === "AWAITING_COLLECTION") return "PROCESSING";
  if (status === "COMPLETED" || status === "DELIVERED") return "COMPLETED";
  return "FULFILLING";
}

export function tiktokOrder(shop: Shop, order: Order) {
  const total = order.lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
  const cancelled = order.status === "CANCELLED";
  const canceller = cancelled ? (order.cancelBy ?? "buyer").toUpperCase() : "";
  const shipped = order.trackingNumber !== undefined;
  // SLA clocks start when the buyer pays (creation while unpaid).
  const start = order.payTime ?? order.createTime;
  const packageId = `${order.id}01`;
  const shippedAt = shipped ? order.updateTime : 0;
  const zero = "0";
  let lineNo = 0;
  return {
    id: order.id,
    status: order.status,
    create_time: order.createTime,
    update_time: order.updateTime,
    tracking_number: order.trackingNumber ?? "",
    paid_time: order.payTime ?? 0,
    cancellation_initiator: canceller,
    cancel_reason: cancelled ? (order.cancelReason ?? "") : "",
    cancel_time: cancelled ? order.updateTime : 0,
    request_cancel_time: cancelled && order.cancelBy === "buyer" ? order.updateTime : 0,
    is_buyer_request_cancel: false,
    cancel_order_sla_time: order.createTime + DAY,
    shipping_provider: carrier.name,
    shipping_provider_id: carrier.id,
    // The simulator's one buyer per shop: its id is derived from the shop's.
    user_id: `70${shop.shopId.slice(-17).padStart(17, "0")}`,
    buyer_email: `buyer-${shop.shopId}@chat.seller.tiktok.com`,
    buyer_message: "",
    seller_note: "",
    rts_time: shippedAt,
    rts_sla_time: start + 2 * DAY,
    tts_sla_time: start + 3 * DAY,
    shipping_due_time: start + 2 * DAY,
    collection_due_time: start + 3 * DAY,
    pick_up_cut_off_time: start + 2 * DAY,
    fast_dispatch_sla_time: start + DAY,
    delivery_sla_time: start + 7 * DAY,
    delivery_due_time: start + 7 * DAY,
    delivery_option_required_delivery_time: start + 7 * DAY,
    collection_time: shippedAt,
    delivery_time: order.status === "DELIVERED" || order.status === "COMPLETED" ? order.updateTime : 0,
    release_date: 0,
    payment: {
      currency: order.currency,
      sub_total: amount(total),
      shipping_fee: zero,
      seller_discount: zero,
      platform_discount: zero,
      total_amount: amount(total),
      original_total_product_price: amount(total),
      original_shipping_fee: zero,
      shipping_fee_seller_discount: zero,
      shipping_fee_platform_discount: zero,
      shipping_fee_cofunded_discount: zero,
      tax: zero,
      small_order_fee: zero,
      shipping_fee_tax: zero,
      product_tax: zero,
      retail_delivery_fee: zero,
      buyer_service_fee: zero,
      handling_fee: zero,
      shipping_insurance_fee: zero,
      item_insurance_fee: zero,
      item_insurance_tax: zero,
    },
    recipient_address: recipientAddress(shop.region),
    fulfillment_type: "FULFILLMENT_BY_SELLER",
    packages: order.status === "UNPAID" ? [] : [{ id: packageId }],
    delivery_type: "HOME_DELIVERY",
    is_sample_order: false,
    warehouse_id: shop.locations[0] ?? "",
    split_or_combine_tag: "",
    has_updated_recipient_address: false,
    cpf: "",
    cpf_name: "",
    delivery_option_id: "7091146663229654785",
    delivery_option_name: "Standard shipping",
    payment_method_name: "Simulated card",
    payment_method_code: "",
    payment_card_type: "",
    payment_auth_code: "",
    channel_entity_national_registry_id: "",
    shipping_type: "TIKTOK",
    need_upload_invoice: "NO_NEED",
    is_cod: false,
    is_on_hold_order: order.status === "ON_HOLD",
    is_replacement_order: false,
    replaced_order_id: "",
    is_exchange_order: false,
    exchange_source_order_id: "",
    commerce_platform: "TIKTOK_SHOP",
    order_type: "NORMAL",
    handling_duration: { days: "2", type: "BUSINESS_DAY" },
    auto_combine_group_id: "",
    consultation_id: "",
    fast_delivery_program: "",
    // TikTok lists one line item per unit bought.
    line_items: order.lines.flatMap((line) =>
      Array.from({ length: line.quantity }, () => {
        lineNo += 1;
        return {
          id: `${order.id}${String(lineNo).padStart(3, "0")}`,
          product_id: line.productId,
          product_name: line.title,
          sku_id: line.variantId,
          sku_name: line.sku,
          sku_image: "",
          seller_sku: line.sku,
          combined_listing_skus: [],
          display_status: cancelled ? "CANCELLED" : order.status,
          cancel_user: canceller,
          cancel_reason: cancelled ? (order.cancelReason ?? "") : "",
          sku_type: "NORMAL",
          currency: shop.currency,
          original_price: amount(line.price),
          sale_price: amount(line.price),
          platform_discount: zero,
          seller_discount: zero,
          pfand_fee: zero,
          small_order_fee: zero,
          retail_delivery_fee: zero,
          buyer_service_fee: zero,
          item_tax: [],
          shipping_provider_id: carrier.id,
          shipping_provider_name: carrier.name,
          package_id: order.status === "UNPAID" ? "" : packageId,
          package_status: packageStatus(order.status),
          rts_time: shippedAt,
          tracking_number: order.trackingNumber ?? "",
          is_gift: false,
          gift_retail_price: zero,
          handling_duration_days: "2",
          is_dangerous_good: false,
          needs_prescription: false,
        };
      }),
    ),
  };
}
