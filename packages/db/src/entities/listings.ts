import { randomUUID } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Product, Variant } from "./catalog";
import { ChannelConnection } from "./channel-connection";
import { createdAt, organization, updatedAt } from "./columns";
import type { StoredStockRule } from "./inventory";

/**
 * A per-channel price: absolute (`set`) or a rule on the master price, then an optional ending.
 * Same shapes as the domain's bulk price rules (amounts in minor units, percent in basis points).
 */
export type ListingPriceRule =
  | { kind: "set"; amount: number; ending?: "none" | "99" | "90" | "whole" }
  | { kind: "change_amount"; amount: number; ending?: "none" | "99" | "90" | "whole" }
  | { kind: "change_percent"; basisPoints: number; ending?: "none" | "99" | "90" | "whole" };

/** The channel-side state of a listing as we pushed it or last observed it. Money in minor units. */
export interface ListingSnapshot {
  title?: string | null;
  description?: string | null;
  price?: number | null;
  stock?: number | null;
  status?: string | null;
  /** Option values of the channel variant ({ Colour: "Red" }), as imported. */
  options?: Record<string, string> | null;
  /** Image URLs in order, when known. */
  images?: string[] | null;
  /** Currency of `price`. */
  currency?: string | null;
  /**
   * Base only: master's images when the channel's `images` were recorded as the base. Platforms
   * re-host images on their own CDN, so master's change is measured against this, not the channel's URLs.
   */
  masterImages?: string[] | null;
}

/** TikTok's review of a content edit on the listing's product, as last seen. */
export interface ListingChannelReview {
  status: "pending" | "rejected";
  reasons: string[];
  /** ISO 8601: when we saw it. */
  seenAt: string;
}

/**
 * The platform fields a publish sends besides the product itself, as the merchant entered them:
 * the platform category, brand, and where stock and parcels go (Shopee logistics channel, TikTok
 * warehouse). Kept on the listing so the `publish-listing` job reads them by id.
 */
export interface ListingPublishOptions {
  categoryId: string;
  brandId?: string | null;
  /** Shopee `logistic_id` of an enabled logistics channel. */
  logisticsChannelId?: string | null;
  /** TikTok `warehouse_id` for the initial stock. */
  warehouseId?: string | null;
  /** Title and description sent (the listing's overrides or the master's). */
  title?: string | null;
}

/**
 * `unlinked`: imported from the shop, not matched to a master variant yet. `pending`: master
 * changed, a push is queued. `disabled`: the merchant switched the listing off.
 */
export const listingSyncStates = [
  "unlinked",
  "pending",
  "syncing",
  "in_sync",
  "failed",
  "conflict",
  "disabled",
] as const;
export type ListingSyncState = (typeof listingSyncStates)[number];

/**
 * One variant on one connected shop (Shopee model / TikTok SKU). External ids are null until the
 * product is published there. Overrides are null when the master value applies.
 */
export const Listing = defineEntity({
  name: "Listing",
  tableName: "listing",
  uniques: [
    { properties: ["connectionId", "externalProductId", "externalVariantId"] },
    { properties: ["connectionId", "variantId"] },
  ],
  indexes: [
    { properties: ["organizationId", "syncState"] },
    { properties: ["organizationId", "variantId"] },
    { properties: ["organizationId", "productId"] },
    { properties: ["connectionId", "syncState"] },
    // Partial indexes: written as expressions so the migration snapshot knows them.
    {
      name: "listing_sync_claimed_until_index",
      expression: `create index if not exists "listing_sync_claimed_until_index" on "listing" ("sync_claimed_until") where "sync_claimed_until" is not null`,
    },
    {
      name: "listing_connection_pending_index",
      expression: `create index if not exists "listing_connection_pending_index" on "listing" ("connection_id", "product_id", "id") where "sync_state" in ('pending', 'syncing')`,
    },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization(),
    connectionId: () => p.manyToOne(ChannelConnection).mapToPk().fieldName("connection_id").deleteRule("cascade"),
    /** Null while an imported listing is unmatched; cleared if the master variant is deleted. */
    variantId: () => p.manyToOne(Variant).mapToPk().nullable().fieldName("variant_id").deleteRule("set null"),
    productId: () => p.manyToOne(Product).mapToPk().nullable().fieldName("product_id").deleteRule("set null"),
    externalProductId: p.string().columnType("text").nullable(),
    externalVariantId: p.string().columnType("text").nullable(),
    externalSku: p.string().columnType("text").nullable(),
    /** The channel's own title as imported (shown when linking unmatched listings). */
    externalTitle: p.string().columnType("text").nullable(),
    /** Platform listing status ("NORMAL", "BANNED", "DELETED", "ACTIVATE", …). */
    channelStatus: p.string().columnType("text").nullable(),
    enabled: p.boolean().default(true),
    titleOverride: p.string().columnType("text").nullable(),
    descriptionOverride: p.string().columnType("text").nullable(),
    priceRule: p.json<ListingPriceRule>().nullable(),
    /**
     * The listing's own stock rule (domain `stockRuleSchema`, like the shop's and the organization's);
     * null: the shop's rule, else the organization default, applies.
     */
    stockRule: p.json<StoredStockRule>().nullable(),
    syncState: p.enum(listingSyncStates).default("pending"),
    /** Bumped by every change that needs a push; the job records which version it applied. */
    desiredVersion: p.integer().default(1),
    syncedVersion: p.integer().default(0),
    /** What we last pushed successfully (the base of three-way compares). */
    lastSynced: p.json<ListingSnapshot>().nullable(),
    lastSyncedHash: p.string().columnType("text").nullable(),
    lastSyncedAt: p.datetime().nullable(),
    /** What the channel last showed us (import, webhook, reconciliation). */
    channelState: p.json<ListingSnapshot>().nullable(),
    channelStateAt: p.datetime().nullable(),
    /** Channel-side edits that differ from `lastSynced`, recorded until conflict handling takes them. */
    drift: p.json<ListingSnapshot>().nullable(),
    /** A content edit waiting for (or refused by) the platform's review; null when none. */
    channelReview: p.json<ListingChannelReview>().nullable(),
    lastErrorCode: p.string().columnType("text").nullable(),
    /** Set when the listing is being (or was) published from SyncStore; read by `publish-listing`. */
    publishOptions: p.json<ListingPublishOptions>().nullable(),
    lastError: p.string().columnType("text").nullable(),
    /** The manual/bulk sync run this listing's pending push counts towards. */
    syncRunId: p.uuid().nullable(),
    /**
     * The sync job pushing this listing right now (a token per job run) and until when its claim
     * holds: while a claim is live no other job pushes the listing, so pushes never overtake each
     * other on the channel. Expired claims are released by the workers' watchdog.
     */
    syncClaim: p.string().columnType("text").nullable(),
    syncClaimedUntil: p.datetime().nullable(),
    /** Failed tries of the pending change (transient errors); reset when a push lands or fails for good. */
    syncAttempts: p.integer().default(0),
    /** Backoff: other jobs do not batch this listing before this time (its own job is scheduled then). */
    syncRetryAt: p.datetime().nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
});
export type Listing = InferEntity<typeof Listing>;

/**
 * A variant's sync status across its listings: the worst state of its enabled, linked listings
 * (worst first, as domain `variantSyncStatuses` orders them), `not_listed` without any. One row per
 * variant, written only by triggers on `listing`, `variant` and `product` (Migration20261205090000_variant_sync),
 * so every writer of listings keeps it current in its own transaction and the grid's sync-status
 * filters are an equality on an indexed column instead of a walk over the listings. It also carries
 * the variant's keys of the grid's default order (product title, product, position), kept by
 * triggers on `variant` and `product`, so a filtered block in that order is read off its index.
 */
export const variantSyncStatusValues = ["failed", "conflict", "syncing", "pending", "in_sync", "not_listed"] as const;

export const VariantSync = defineEntity({
  name: "VariantSync",
  tableName: "variant_sync",
  // The grid's default order (title, product, position, variant) within each status: a block
  // filtered by sync status reads its first rows off this index (Migration20261206090000_variant_sync_order).
  // (organization, status) for the counts: its entries deduplicate, a tenth of the wider one's pages.
  indexes: [
    { properties: ["organizationId", "status"] },
    {
      name: "variant_sync_order_index",
      properties: ["organizationId", "status", "title", "productId", "position", "variantId"],
    },
  ],
  properties: {
    variantId: () => p.manyToOne(Variant).mapToPk().primary().fieldName("variant_id").deleteRule("cascade"),
    organizationId: organization(),
    status: p.enum(variantSyncStatusValues),
    /** Copies of the variant's sort keys (its product's title, its product and position), kept by triggers. */
    title: p.string().columnType("text"),
    productId: p.uuid().fieldName("product_id"),
    position: p.integer(),
  },
});
export type VariantSync = InferEntity<typeof VariantSync>;

export const listingEntities = [Listing, VariantSync];
