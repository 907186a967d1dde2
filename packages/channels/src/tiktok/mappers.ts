import { type ChannelProduct, type ChannelReview } from "../types";
import { type TikTokProduct } from "./schemas";

export function toChannelProduct(product: TikTokProduct): ChannelProduct {
  return {
    productId: product.id,
    title: product.title,
    description: product.description ?? null,
    status: product.status,
    sku: null,
    // Every TikTok product has at least one SKU; "variants" means the seller defined attributes.
    hasVariants: product.skus.length > 1 || product.skus.some((sku) => sku.sales_attributes.length > 0),
    updatedAt: product.update_time ? new Date(product.update_time * 1000) : null,
    ...(product.main_images ? { images: product.main_images.map((image) => image.urls?.[0] ?? image.uri) } : {}),
    ...(product.audit ? { review: reviewOf(product.audit) } : {}),
    variants: product.skus.map((sku) => {
      const options: Record<string, string> = {};
      for (const attribute of sku.sales_attributes) {
        if (attribute.name && attribute.value_name !== undefined) options[attribute.name] = attribute.value_name;
      }
      const locations = sku.inventory.map((entry) => ({ locationId: entry.warehouse_id, quantity: entry.quantity }));
      const amount = sku.price?.sale_price ?? sku.price?.tax_exclusive_price;
      return {
        variantId: sku.id,
        sku: sku.seller_sku || null,
        price: sku.price && amount !== undefined ? { amount, currency: sku.price.currency } : null,
        stock: locations.reduce((sum, entry) => sum + entry.quantity, 0),
        locations,
        options,
      };
    }),
  };
}

const reviewStatuses: Record<string, ChannelReview["status"]> = {
  AUDITING: "pending",
  PENDING: "pending",
  APPROVED: "approved",
  FAILED: "rejected",
  REJECTED: "rejected",
};

function reviewOf(audit: NonNullable<TikTokProduct["audit"]>): ChannelReview | null {
  const status = reviewStatuses[audit.status.toUpperCase()];
  if (!status) return null;
  return { status, reasons: audit.failed_reasons.flatMap((entry) => entry.reasons) };
}
