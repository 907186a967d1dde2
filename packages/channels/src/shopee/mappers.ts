import { decimalFromNumber, shopeePriceDecimals } from "../money";
import { type ChannelProduct, type ChannelVariant, type Money } from "../types";
import { type ShopeeBaseItem, type ShopeeModelList, type ShopeeStockInfo } from "./schemas";

function money(priceInfo: { currency: string; original_price: number }[] | undefined, region?: string): Money | null {
  const first = priceInfo?.[0];
  if (!first) return null;
  return { amount: decimalFromNumber(first.original_price, shopeePriceDecimals(region)), currency: first.currency };
}

/** Seller stock is what update_stock sets, so it is what sync compares against. */
function stock(info: ShopeeStockInfo | undefined): Pick<ChannelVariant, "stock" | "locations"> {
  if (!info) return { stock: 0, locations: [] };
  const locations = info.seller_stock.map((entry) => ({ locationId: entry.location_id ?? "", quantity: entry.stock }));
  const total =
    locations.length > 0
      ? locations.reduce((sum, entry) => sum + entry.quantity, 0)
      : (info.summary_info?.total_available_stock ?? 0);
  return { stock: total, locations };
}

export function toChannelProduct(
  item: ShopeeBaseItem,
  models: ShopeeModelList | null,
  region?: string,
): ChannelProduct {
  const variants: ChannelVariant[] =
    item.has_model && models
      ? models.model.map((model) => {
          const options: Record<string, string> = {};
          model.tier_index.forEach((optionIndex, tier) => {
            const variation = models.tier_variation[tier];
            const option = variation?.option_list[optionIndex]?.option;
            if (variation && option !== undefined) options[variation.name] = option;
          });
          return {
            variantId: model.model_id,
            sku: model.model_sku || null,
            price: money(model.price_info, region),
            ...stock(model.stock_info_v2),
            options,
          };
        })
      : [
          {
            // Shopee addresses an item without models as model 0 in price and stock calls.
            variantId: "0",
            sku: item.item_sku || null,
            price: money(item.price_info, region),
            ...stock(item.stock_info_v2),
            options: {},
          },
        ];
  return {
    productId: item.item_id,
    title: item.item_name,
    description: item.description ?? null,
    status: item.item_status,
    sku: item.item_sku || null,
    hasVariants: item.has_model,
    updatedAt: item.update_time ? new Date(item.update_time * 1000) : null,
    variants,
    ...(item.image ? { images: item.image.image_url_list } : {}),
  };
}
