import { createHash } from "node:crypto";
import type { ListingSnapshot } from "@syncstore/db";
import { allocateStock, shopPrice, storedStockRule, type ListingPriceRule, type RoundingRule } from "@syncstore/domain";

/** What the engine reads for one listing when it claims it (master data and the listing's rules). */
export interface ListingState {
  id: string;
  organizationId: string;
  connectionId: string;
  productId: string | null;
  variantId: string;
  externalProductId: string;
  externalVariantId: string;
  titleOverride: string | null;
  descriptionOverride: string | null;
  priceRule: ListingPriceRule | null;
  /** The listing's own stock rule as stored (null or unreadable: the shop's rule applies). */
  stockRule: unknown;
  desiredVersion: number;
  lastSynced: ListingSnapshot | null;
  /** Channel-side edits seen since the last push (webhooks, reconciliation). */
  drift: ListingSnapshot | null;
  syncRunId: string | null;
  syncAttempts: number;
  /** Master values. */
  price: number;
  /** on_hand − committed − promotion_reserved − unavailable (orders of every shop already applied). */
  available: number;
  /** Units held for a promotion; added to what is pushed where the platform counts them in its number. */
  promotionReserved?: number;
  /** Whether this shop's platform counts promotion-reserved units in the number we set (Shopee). */
  addPromotionReserved?: boolean;
  /** The shop's and the organization's stock rules as stored. */
  connectionRule?: unknown;
  organizationRule?: unknown;
  title: string;
  description: string | null;
  productStatus: string;
  /** The organization's currency (master prices). */
  currency: string;
  /** The shop's currency (null: not known yet, the organization's is assumed). */
  shopCurrency: string | null;
  /** The organization's rate and rounding for the shop's currency (null when none is set). */
  rate: string | null;
  rounding: RoundingRule | null;
  /** The shop's default price rule (Settings → Channels), used when the listing has none. */
  defaultPriceRule: ListingPriceRule | null;
  /** Field groups with an open conflict on this listing: not pushed until it is resolved. */
  pausedGroups?: string[];
}

export type SyncOperation = "price" | "stock" | "fields";

/** The channel state a listing should have: overrides and rules applied, money in minor units. */
export interface DesiredState {
  /** In the shop's currency; null when it must not be sent (see `priceProblem`). */
  price: number | null;
  /** The currency `price` is in. */
  currency: string;
  /** Why the price is not sent: no exchange rate for the shop's currency (held), or a negative rule. */
  priceProblem: { reason: "no_rate" | "negative"; message: string } | null;
  stock: number;
  title: string;
  description: string | null;
}

/**
 * Overrides win over master text; the price is converted to the shop's currency and rounded, then
 * the listing's rule (or the shop's default rule) applies; the stock rule (listing > shop > organization,
 * each read through the domain schema) applies to master stock.
 * An archived product offers nothing: its listings are pushed to stock 0 rather than left selling.
 */
export function desiredState(state: ListingState): DesiredState {
  const archived = state.productStatus === "archived";
  const available = archived ? 0 : state.available;
  const allocation = allocateStock({
    buckets: { onHand: Math.max(0, available), committed: 0, promotionReserved: 0, unavailable: 0 },
    listingRule: storedStockRule(state.stockRule),
    connectionRule: storedStockRule(state.connectionRule),
    organizationRule: storedStockRule(state.organizationRule),
    connectionId: state.connectionId,
    platformPromotionReserved: state.addPromotionReserved && !archived ? (state.promotionReserved ?? 0) : 0,
  });
  const price = shopPrice({
    masterPrice: state.price,
    masterCurrency: state.currency,
    shopCurrency: state.shopCurrency,
    rate: state.rate,
    rounding: state.rounding,
    rule: state.priceRule ?? state.defaultPriceRule,
  });
  return {
    price: price.ok ? price.price : null,
    currency: price.currency,
    priceProblem: price.ok ? null : { reason: price.reason, message: price.message },
    stock: allocation.pushed,
    title: state.titleOverride ?? state.title,
    description: state.descriptionOverride ?? state.description,
  };
}

/**
 * What has to be sent: fields that differ from the last synced snapshot (a field never synced,
 * or synced as null, is sent). Empty when the channel already shows the desired state.
 */
export function changedOperations(desired: DesiredState, last: ListingSnapshot | null): SyncOperation[] {
  const ops: SyncOperation[] = [];
  if (desired.price !== (last?.price ?? undefined)) ops.push("price");
  if (desired.stock !== (last?.stock ?? undefined)) ops.push("stock");
  const titleChanged = desired.title !== (last?.title ?? undefined);
  const descriptionChanged =
    (desired.description ?? null) !== (last?.description ?? null) && desired.description !== null;
  if (titleChanged || descriptionChanged) ops.push("fields");
  return ops;
}

/** The part of the snapshot an operation sets. */
export function snapshotPart(op: SyncOperation, desired: DesiredState): ListingSnapshot {
  if (op === "price") return { price: desired.price };
  if (op === "stock") return { stock: desired.stock };
  return { title: desired.title, description: desired.description };
}

/** Stable hash of the synced snapshot (key order fixed), for cheap equality checks elsewhere. */
export function snapshotHash(snapshot: ListingSnapshot): string {
  const ordered = Object.fromEntries(Object.entries(snapshot).sort(([a], [b]) => a.localeCompare(b)));
  return createHash("sha256").update(JSON.stringify(ordered)).digest("hex").slice(0, 32);
}
