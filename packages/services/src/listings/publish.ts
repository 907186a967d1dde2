import type {
  AddVariantsInput,
  ChannelAdapter,
  CreatedListing,
  CreateListingInput,
  ShopSession,
} from "@syncstore/channels";
import { sqlRows, type EntityManager, type ListingPriceRule, type ListingPublishOptions } from "@syncstore/db";
import { DomainError, formatMinor, offeredStock } from "@syncstore/domain";
import { channelPrice, type ConnectionPricing } from "./pricing";

/** A listing waiting to be created on its shop, with what its channel values are now. */
export interface PendingPublishRow {
  id: string;
  variantId: string;
  sku: string;
  options: Record<string, string>;
  weightGrams: number | null;
  titleOverride: string | null;
  descriptionOverride: string | null;
  publishOptions: ListingPublishOptions | null;
  desiredVersion: number;
  createdAt: Date;
  price: number | null;
  /** Why `price` is null: no rate for the shop's currency (held) or a negative rule. */
  priceProblem: { reason: "no_rate" | "negative"; message: string } | null;
  stock: number;
}

interface PendingDbRow extends Omit<PendingPublishRow, "price" | "stock"> {
  masterPrice: string;
  priceRule: ListingPriceRule | null;
  available: number;
  listingRule: unknown;
  connectionRule: unknown;
  organizationRule: unknown;
}

/** Linked, enabled listings of one product on one shop that have no external ids yet. */
export async function pendingPublishRows(
  em: EntityManager,
  organizationId: string,
  connectionId: string,
  productId: string,
  pricing: ConnectionPricing,
  lock = false,
): Promise<PendingPublishRow[]> {
  const rows = await sqlRows<PendingDbRow>(
    em,
    `select l.id, l.variant_id as "variantId", v.sku, v.options, v.weight_grams as "weightGrams",
            l.title_override as "titleOverride", l.description_override as "descriptionOverride",
            l.publish_options as "publishOptions", l.desired_version as "desiredVersion", l.created_at as "createdAt",
            v.price::text as "masterPrice", l.price_rule as "priceRule",
            greatest(coalesce(s.on_hand, 0) - coalesce(s.reserved, 0), 0) as available,
            l.stock_rule as "listingRule", cr.rule as "connectionRule", i.default_stock_rule as "organizationRule"
       from listing l
       join variant v on v.id = l.variant_id
       left join stock_level s on s.variant_id = v.id
       left join connection_stock_rule cr on cr.connection_id = l.connection_id
       left join inventory_settings i on i.organization_id = l.organization_id
      where l.organization_id = $1 and l.connection_id = $2 and l.product_id = $3
        and l.external_product_id is null and l.enabled
      order by v.position, v.id ${lock ? "for update of l" : ""}`,
    [organizationId, connectionId, productId],
  );
  return rows.map(({ masterPrice, priceRule, available, listingRule, connectionRule, organizationRule, ...row }) => {
    const price = channelPrice(pricing, Number(masterPrice), priceRule);
    return {
      ...row,
      createdAt: new Date(row.createdAt),
      price: price.ok ? price.price : null,
      priceProblem: price.ok ? null : { reason: price.reason, message: price.message },
      stock: offeredStock(available, { listingRule, connectionRule, organizationRule }, connectionId),
    };
  });
}

export interface PublishProduct {
  title: string;
  description: string | null;
  images: string[];
}

/** The adapter call for a product: overrides win over master fields, prices after the listing rules. */
export function createListingInput(
  platform: ChannelAdapter["platform"],
  product: PublishProduct,
  rows: readonly PendingPublishRow[],
  currency: string,
): CreateListingInput {
  const first = rows[0];
  const options = first?.publishOptions;
  if (!first || !options) throw new DomainError("INVALID", "Nothing to publish: the listings carry no publish options");
  const weights = rows.map((row) => row.weightGrams ?? 0);
  return {
    title: first.titleOverride ?? product.title,
    description: first.descriptionOverride ?? product.description ?? "",
    categoryId: options.categoryId,
    images: product.images,
    ...(options.brandId ? { brandId: options.brandId } : {}),
    weightGrams: Math.max(0, ...weights),
    ...(options.warehouseId ? { locationId: options.warehouseId } : {}),
    ...(platform === "shopee" && options.logisticsChannelId
      ? { extra: { logistic_info: [{ logistic_id: Number(options.logisticsChannelId), enabled: true }] } }
      : {}),
    variants: rows.map((row) => ({
      sku: row.sku,
      price: { amount: formatMinor(row.price ?? 0, currency), currency },
      stock: row.stock,
      options: row.options,
    })),
  };
}

/**
 * After a failed attempt the product may exist on the channel already (the call landed, the
 * answer was lost): look for a product updated since the publish was requested whose SKUs include
 * all of ours, and adopt it instead of creating a duplicate.
 */
export async function findPublishedProduct(
  adapter: ChannelAdapter,
  session: ShopSession,
  skus: readonly string[],
  since: Date,
): Promise<CreatedListing | null> {
  const wanted = new Set(skus.map((sku) => sku.trim().toLowerCase()));
  let pageToken: string | null = null;
  do {
    const page = await adapter.listProducts(session, { pageToken, updatedSince: since });
    for (const product of page.products) {
      const bySku = new Map(
        product.variants.map((v) => [(v.sku ?? product.sku ?? "").trim().toLowerCase(), v.variantId]),
      );
      if ([...wanted].every((sku) => bySku.has(sku)))
        return {
          productId: product.productId,
          variants: skus.map((sku) => ({ sku, variantId: bySku.get(sku.trim().toLowerCase()) ?? "" })),
        };
    }
    pageToken = page.nextPageToken;
  } while (pageToken);
  return null;
}

/** The channel product a shop already has for this master product (not deleted there), if any. */
export async function liveChannelProduct(
  em: EntityManager,
  connectionId: string,
  productId: string,
): Promise<{ externalProductId: string; title: string | null; description: string | null } | null> {
  const [row] = await sqlRows<{ externalProductId: string; title: string | null; description: string | null }>(
    em,
    `select external_product_id as "externalProductId", coalesce(last_synced->>'title', external_title) as title,
            last_synced->>'description' as description
       from listing
      where connection_id = $1 and product_id = $2 and external_product_id is not null
        and last_error_code is distinct from 'CHANNEL_DELETED'
      order by created_at limit 1`,
    [connectionId, productId],
  );
  return row ?? null;
}

/** The adapter call that adds master variants published after their product to its channel product. */
export function addVariantsInput(rows: readonly PendingPublishRow[], currency: string): AddVariantsInput {
  const warehouseId = rows.find((row) => row.publishOptions?.warehouseId)?.publishOptions?.warehouseId;
  return {
    ...(warehouseId ? { locationId: warehouseId } : {}),
    variants: rows.map((row) => ({
      sku: row.sku,
      price: { amount: formatMinor(row.price ?? 0, currency), currency },
      stock: row.stock,
      options: row.options,
    })),
  };
}

/**
 * Adds the variants to an existing channel product. A retry first reads the product and adopts the
 * SKUs a lost answer already added, so none is added twice.
 */
export async function addMissingVariants(
  adapter: ChannelAdapter,
  session: ShopSession,
  externalProductId: string,
  input: AddVariantsInput,
  retry: boolean,
): Promise<CreatedListing> {
  const found = new Map<string, string>();
  if (retry) {
    const product = await adapter.getProduct(session, externalProductId);
    for (const variant of product.variants)
      if (variant.sku) found.set(variant.sku.trim().toLowerCase(), variant.variantId);
  }
  const key = (sku: string) => sku.trim().toLowerCase();
  const rest = input.variants.filter((variant) => !found.has(key(variant.sku)));
  const added = rest.length
    ? await adapter.addVariants(session, externalProductId, { ...input, variants: rest })
    : null;
  const ids = new Map(added?.variants.map((variant) => [key(variant.sku), variant.variantId]));
  return {
    productId: externalProductId,
    variants: input.variants.map((variant) => ({
      sku: variant.sku,
      variantId: found.get(key(variant.sku)) ?? ids.get(key(variant.sku)) ?? "",
    })),
  };
}
