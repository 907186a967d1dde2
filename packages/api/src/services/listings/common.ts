import type { ListingPriceRule, ListingSnapshot, ListingSyncState } from "@syncstore/db";
import {
  effectiveRule,
  offeredStock,
  shopPrice,
  storedStockRule,
  type RoundingRule,
  type StockRule,
} from "@syncstore/domain";
import type { Change } from "../../core/change";

/** A listing as the product page and the Unmatched screen show it; never tokens, never entities. */
export interface ListingDto {
  id: string;
  connectionId: string;
  variantId: string | null;
  productId: string | null;
  externalProductId: string | null;
  externalVariantId: string | null;
  externalSku: string | null;
  externalTitle: string | null;
  channelStatus: string | null;
  enabled: boolean;
  titleOverride: string | null;
  descriptionOverride: string | null;
  priceRule: ListingPriceRule | null;
  /** The listing's own stock rule; null: it inherits `inheritedStockRule`. */
  stockRule: StockRule | null;
  /** The rule that applies without one of its own: the shop's, else the organization default. */
  inheritedStockRule: { level: "connection" | "organization" | "none"; rule: StockRule | null };
  syncState: ListingSyncState;
  lastError: string | null;
  lastErrorCode: string | null;
  lastSyncedAt: Date | null;
  channelState: ListingSnapshot | null;
  /** The price and stock the channel should show now (master converted, rounded, rules), minor units. */
  channelPrice: number | null;
  /** The currency of `channelPrice`: the shop's. */
  channelCurrency: string;
  /** Why no price goes to the shop (no exchange rate for its currency, a negative rule); null when it does. */
  priceHold: string | null;
  channelStock: number | null;
}

export interface ListingDbRow extends Omit<
  ListingDto,
  | "channelPrice"
  | "channelCurrency"
  | "priceHold"
  | "channelStock"
  | "lastSyncedAt"
  | "stockRule"
  | "inheritedStockRule"
> {
  stockRule: unknown;
  connectionStockRule: unknown;
  organizationStockRule: unknown;
  lastSyncedAt: Date | string | null;
  masterPrice: string | null;
  available: number | null;
  masterCurrency: string;
  shopCurrency: string | null;
  rate: string | null;
  rounding: RoundingRule | null;
  defaultPriceRule: ListingDto["priceRule"];
}

/** The SELECT list for `ListingDbRow` over `listing l left join variant v left join stock_level s`. */
export const listingColumns = `l.id, l.connection_id as "connectionId", l.variant_id as "variantId", l.product_id as "productId",
  l.external_product_id as "externalProductId", l.external_variant_id as "externalVariantId",
  l.external_sku as "externalSku", l.external_title as "externalTitle", l.channel_status as "channelStatus",
  l.enabled, l.title_override as "titleOverride", l.description_override as "descriptionOverride",
  l.price_rule as "priceRule", l.stock_rule as "stockRule", l.sync_state as "syncState",
  l.last_error as "lastError", l.last_error_code as "lastErrorCode", l.last_synced_at as "lastSyncedAt",
  l.channel_state as "channelState", v.price::text as "masterPrice",
  case when v.id is null then null else greatest(coalesce(s.on_hand, 0) - coalesce(s.reserved, 0), 0) end as available,
  lo.currency as "masterCurrency", lc.currency as "shopCurrency", ler.rate::text as "rate", ler.rounding as "rounding",
  lc.default_price_rule as "defaultPriceRule", lcr.rule as "connectionStockRule",
  lis.default_stock_rule as "organizationStockRule"`;
export const listingFrom = `listing l left join variant v on v.id = l.variant_id left join stock_level s on s.variant_id = l.variant_id
  join channel_connection lc on lc.id = l.connection_id join organization lo on lo.id = l.organization_id
  left join exchange_rate ler on ler.organization_id = l.organization_id and ler.currency = lc.currency
  left join connection_stock_rule lcr on lcr.connection_id = l.connection_id
  left join inventory_settings lis on lis.organization_id = l.organization_id`;

/** The DTO with the price the shop should show, in the shop's currency (or why none is sent). */
export function toListingDto(row: ListingDbRow): ListingDto {
  const {
    masterPrice,
    available,
    lastSyncedAt,
    masterCurrency,
    shopCurrency,
    rate,
    rounding,
    defaultPriceRule,
    stockRule,
    connectionStockRule,
    organizationStockRule,
    ...rest
  } = row;
  const inherited = effectiveRule({
    connectionRule: storedStockRule(connectionStockRule),
    organizationRule: storedStockRule(organizationStockRule),
  });
  const price =
    masterPrice === null
      ? null
      : shopPrice({
          masterPrice: Number(masterPrice),
          masterCurrency,
          shopCurrency,
          rate,
          rounding,
          rule: row.priceRule ?? defaultPriceRule,
        });
  return {
    ...rest,
    stockRule: storedStockRule(stockRule),
    inheritedStockRule: {
      level: inherited.level === "listing" ? "none" : inherited.level,
      rule: inherited.level === "none" ? null : inherited.rule,
    },
    lastSyncedAt: lastSyncedAt ? new Date(lastSyncedAt) : null,
    channelPrice: price?.ok ? price.price : null,
    channelCurrency: (shopCurrency ?? masterCurrency).toUpperCase(),
    priceHold: price && !price.ok ? price.message : null,
    channelStock:
      available === null
        ? null
        : offeredStock(
            available,
            { listingRule: stockRule, connectionRule: connectionStockRule, organizationRule: organizationStockRule },
            row.connectionId,
          ),
  };
}

/** What an audit row records of a listing's link and overrides. */
export function listingAuditView(
  row: Omit<ListingDto, "channelPrice" | "channelCurrency" | "priceHold" | "channelStock">,
): Record<string, unknown> {
  return {
    variantId: row.variantId,
    externalProductId: row.externalProductId,
    externalVariantId: row.externalVariantId,
    enabled: row.enabled,
    titleOverride: row.titleOverride,
    descriptionOverride: row.descriptionOverride,
    priceRule: row.priceRule,
    stockRule: row.stockRule,
    syncState: row.syncState,
  };
}

export function emitListingsChanged(
  change: Change,
  rows: readonly { id: string; variantId: string | null }[],
  connectionId: string | null,
  reason: "overrides" | "import" | "publish",
): void {
  if (rows.length === 0) return;
  change.emit("listings.changed", {
    listingIds: rows.map((row) => row.id),
    variantIds: rows.flatMap((row) => (row.variantId ? [row.variantId] : [])),
    connectionId,
    reason,
  });
}
