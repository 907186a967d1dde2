import { createHash } from "node:crypto";
import type { ListingSnapshot } from "@syncstore/db";
import { allocateStock, listingPrice, type ListingPriceRule, type StockRule } from "@syncstore/domain";

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
  stockBuffer: number;
  stockCap: number | null;
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
  connectionRule?: StockRule | null;
  organizationRule?: StockRule | null;
  title: string;
  description: string | null;
  productStatus: string;
  currency: string;
  /** Field groups with an open conflict on this listing: not pushed until it is resolved. */
  pausedGroups?: string[];
}

export type SyncOperation = "price" | "stock" | "fields";

/** The channel state a listing should have: overrides and rules applied, money in minor units. */
export interface DesiredState {
  /** Null when the price rule would make the price negative (a validation failure, never sent). */
  price: number | null;
  stock: number;
  title: string;
  description: string | null;
}

/**
 * Overrides win over master text; the price rule and the stock buffer/cap apply to master values.
 * An archived product offers nothing: its listings are pushed to stock 0 rather than left selling.
 */
export function desiredState(state: ListingState): DesiredState {
  const archived = state.productStatus === "archived";
  const available = archived ? 0 : state.available;
  const listingRule: StockRule = {
    ...(state.stockBuffer > 0 ? { buffer: state.stockBuffer } : {}),
    ...(state.stockCap !== null ? { max: state.stockCap } : {}),
  };
  const allocation = allocateStock({
    buckets: { onHand: Math.max(0, available), committed: 0, promotionReserved: 0, unavailable: 0 },
    listingRule,
    connectionRule: state.connectionRule ?? null,
    organizationRule: state.organizationRule ?? null,
    connectionId: state.connectionId,
    platformPromotionReserved: state.addPromotionReserved && !archived ? (state.promotionReserved ?? 0) : 0,
  });
  return {
    price: listingPrice(state.price, state.priceRule, state.currency),
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
