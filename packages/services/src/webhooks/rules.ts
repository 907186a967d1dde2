import type { ChannelProduct, ChannelVariant, Money, Platform } from "@syncstore/channels";
import type { ListingSnapshot, ListingSyncState } from "@syncstore/db";
import { parseMinor } from "@syncstore/domain";

/**
 * Pure rules of webhook processing and reconciliation: how platform statuses map onto ours, which
 * state is newer, what the channel shows for a listing and where it drifted from what we pushed.
 */

export type OrderStatus = "created" | "paid" | "shipped" | "completed" | "cancelled" | "returned";

const orderStatuses: Record<Platform, Record<string, OrderStatus>> = {
  shopee: {
    UNPAID: "created",
    READY_TO_SHIP: "paid",
    PROCESSED: "paid",
    RETRY_SHIP: "paid",
    // A cancellation the buyer asked for is not one yet: the units stay reserved.
    IN_CANCEL: "paid",
    SHIPPED: "shipped",
    TO_CONFIRM_RECEIVE: "shipped",
    COMPLETED: "completed",
    CANCELLED: "cancelled",
    TO_RETURN: "returned",
  },
  tiktok: {
    UNPAID: "created",
    ON_HOLD: "paid",
    AWAITING_SHIPMENT: "paid",
    AWAITING_COLLECTION: "paid",
    IN_TRANSIT: "shipped",
    DELIVERED: "shipped",
    COMPLETED: "completed",
    CANCEL: "cancelled",
    CANCELLED: "cancelled",
  },
};

/** Our normalized order status for a platform status (unknown statuses count as created). */
export function normalizeOrderStatus(platform: Platform, status: string | null | undefined): OrderStatus {
  return (status ? orderStatuses[platform][status] : undefined) ?? "created";
}

/**
 * Whether a state observed at `incoming` may replace one observed at `held`. Equal times apply
 * again (idempotent); a state without a time never replaces one that has a time.
 */
export function isNewerOrSame(incoming: Date | string | null, held: Date | string | null): boolean {
  const heldAt = asDate(held);
  const incomingAt = asDate(incoming);
  if (heldAt === null) return true;
  if (incomingAt === null) return false;
  return incomingAt.getTime() >= heldAt.getTime();
}

/** Raw SQL hands timestamps back as text; entities as Dates. */
export function asDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Money from the platform ("19.90" SGD) in minor units; null when it is not an exact amount. */
export function minorUnits(money: Money | null | undefined): number | null {
  if (!money) return null;
  return parseMinor(money.amount, money.currency);
}

/** What the channel shows for one listing (a variant of a channel product). */
export function channelSnapshot(product: ChannelProduct, variant: ChannelVariant): ListingSnapshot {
  return {
    title: product.title,
    ...(product.description !== null ? { description: product.description } : {}),
    price: minorUnits(variant.price),
    ...(variant.price ? { currency: variant.price.currency } : {}),
    stock: variant.stock,
    status: product.status,
    ...(product.images ? { images: product.images } : {}),
    ...(Object.keys(variant.options).length > 0 ? { options: variant.options } : {}),
  };
}

const comparedFields = ["title", "description", "price", "stock", "status", "images", "options"] as const;

/** Field values compare by content (image lists and option maps are arrays and objects). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Fields whose channel value differs from what we last pushed (`lastSynced`), with the channel's
 * value. Only fields both sides know are compared: a listing never pushed has no drift, and a
 * field the platform did not report is not a change. Null when nothing drifted.
 */
export function driftOf(
  lastSynced: ListingSnapshot | null | undefined,
  channel: ListingSnapshot,
): ListingSnapshot | null {
  if (!lastSynced) return null;
  const drift: ListingSnapshot = {};
  for (const field of comparedFields) {
    const pushed = lastSynced[field];
    const seen = channel[field];
    if (pushed === undefined || pushed === null || seen === undefined || seen === null) continue;
    if (!sameValue(pushed, seen)) (drift as Record<string, unknown>)[field] = seen;
  }
  return Object.keys(drift).length > 0 ? drift : null;
}

/** Fields that differ between two channel snapshots (reconciliation: what changed unannounced). */
export function changedFields(before: ListingSnapshot | null | undefined, after: ListingSnapshot): string[] {
  if (!before) return comparedFields.filter((field) => after[field] !== undefined && after[field] !== null);
  return comparedFields.filter(
    (field) => after[field] !== undefined && after[field] !== null && !sameValue(before[field], after[field]),
  );
}

/**
 * The base of a linked listing gains the groups the engine never pushes (images, options, status)
 * the first time the channel shows them: what the shop showed then is what we adopted. Master's
 * images at that moment go with it (`masterImages`), since the platform re-hosts images.
 */
export function withFirstSeenBase(
  lastSynced: ListingSnapshot | null | undefined,
  channel: ListingSnapshot,
  masterImages: string[] | null,
): ListingSnapshot | null {
  if (!lastSynced) return null;
  const base: ListingSnapshot = { ...lastSynced };
  let changed = false;
  if ((base.images === undefined || base.images === null) && channel.images) {
    base.images = channel.images;
    base.masterImages = masterImages ?? [];
    changed = true;
  }
  if ((base.options === undefined || base.options === null) && channel.options) {
    base.options = channel.options;
    changed = true;
  }
  if ((base.status === undefined || base.status === null) && channel.status) {
    base.status = channel.status;
    changed = true;
  }
  return changed ? base : lastSynced;
}

export type ListingStatusEffect =
  | { kind: "blocked"; syncState: ListingSyncState; errorCode: string; error: string }
  | { kind: "active" }
  | { kind: "other" };

const platformName: Record<Platform, string> = { shopee: "Shopee", tiktok: "TikTok Shop" };

/**
 * What a platform product status means for our listing: deleted or banned products cannot take
 * pushes (the listing fails with the reason), an active one can again, anything else (unlisted,
 * under review, seller-deactivated) is only recorded.
 */
export function listingStatusEffect(
  platform: Platform,
  status: string | null,
  reason: string | null = null,
): ListingStatusEffect {
  const name = platformName[platform];
  const because = reason ? `: ${reason}` : "";
  switch (status) {
    case "SELLER_DELETE":
    case "SHOPEE_DELETE":
    case "DELETED":
      return {
        kind: "blocked",
        syncState: "failed",
        errorCode: "CHANNEL_DELETED",
        error: `The product was deleted on ${name}${because}. Publish it again or unlink the listing.`,
      };
    case "BANNED":
    case "PLATFORM_DEACTIVATED":
    case "FREEZE":
      return {
        kind: "blocked",
        syncState: "failed",
        errorCode: "CHANNEL_BANNED",
        error: `${name} banned or suspended the product${because}. Fix it in the seller centre; pushes resume when it is active again.`,
      };
    case "NORMAL":
    case "ACTIVATE":
      return { kind: "active" };
    default:
      return { kind: "other" };
  }
}

/** Codes set by `listingStatusEffect` that an active status clears. */
export const channelBlockCodes = ["CHANNEL_DELETED", "CHANNEL_BANNED"];
