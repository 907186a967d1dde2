import { randomUUID } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Organization, User } from "./auth";
import { Product, Variant } from "./catalog";
import { ChannelConnection, channelPlatforms } from "./channel-connection";

const organization = () => p.manyToOne(Organization).mapToPk().fieldName("organization_id").deleteRule("cascade");
const createdAt = () =>
  p
    .datetime()
    .defaultRaw("now()")
    .onCreate(() => new Date());
const updatedAt = () =>
  p
    .datetime()
    .defaultRaw("now()")
    .onCreate(() => new Date())
    .onUpdate(() => new Date());

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
    /** Units held back from the channel. */
    stockBuffer: p.integer().default(0).check("stock_buffer >= 0"),
    /** Most units ever offered on the channel (null: no cap). */
    stockCap: p.integer().nullable().check("stock_cap >= 0"),
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

export const syncRunStatuses = ["running", "succeeded", "failed", "cancelled"] as const;
export type SyncRunStatus = (typeof syncRunStatuses)[number];

/** A manual or bulk sync ("sync selected", "sync channel", "sync all") with its progress. */
export const SyncRun = defineEntity({
  name: "SyncRun",
  tableName: "sync_run",
  indexes: [{ properties: ["organizationId", "createdAt"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization(),
    /** "products" | "channel" | "all" | "bulk" */
    kind: p.string().columnType("text"),
    scope: p.json<Record<string, unknown>>().default("{}"),
    priority: p.integer().default(0),
    total: p.integer().default(0),
    done: p.integer().default(0),
    failed: p.integer().default(0),
    status: p.enum(syncRunStatuses).default("running"),
    actorId: () => p.manyToOne(User).mapToPk().nullable().fieldName("actor_id").deleteRule("set null"),
    createdAt: createdAt(),
    finishedAt: p.datetime().nullable(),
  },
});
export type SyncRun = InferEntity<typeof SyncRun>;

export const syncOutcomes = ["succeeded", "failed", "retrying", "skipped"] as const;
export type SyncOutcome = (typeof syncOutcomes)[number];

/** One push of one listing (or one attempt of it): what, before, after, outcome. */
export const SyncLog = defineEntity({
  name: "SyncLog",
  tableName: "sync_log",
  indexes: [
    { properties: ["organizationId", "createdAt"] },
    { properties: ["listingId", "createdAt"] },
    { properties: ["connectionId", "outcome", "createdAt"] },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization(),
    connectionId: () => p.manyToOne(ChannelConnection).mapToPk().fieldName("connection_id").deleteRule("cascade"),
    listingId: () => p.manyToOne(Listing).mapToPk().nullable().fieldName("listing_id").deleteRule("set null"),
    syncRunId: p.uuid().nullable(),
    /** "price" | "stock" | "fields" | "create" | "status" */
    operation: p.string().columnType("text"),
    before: p.json<ListingSnapshot>().nullable(),
    after: p.json<ListingSnapshot>().nullable(),
    outcome: p.enum(syncOutcomes),
    attempt: p.integer().default(1),
    durationMs: p.integer().default(0),
    requestId: p.string().columnType("text").nullable(),
    errorCode: p.string().columnType("text").nullable(),
    error: p.string().columnType("text").nullable(),
    createdAt: createdAt(),
  },
});
export type SyncLog = InferEntity<typeof SyncLog>;

export const webhookEventStatuses = ["received", "processed", "failed", "unknown_shop", "ignored"] as const;
export type WebhookEventStatus = (typeof webhookEventStatuses)[number];

/**
 * A marketplace webhook exactly as it arrived (raw body, headers that matter). Written by the
 * gateway with plain SQL in group commits; `organization_id` is null when the shop is unknown.
 */
export const WebhookEvent = defineEntity({
  name: "WebhookEvent",
  tableName: "webhook_event",
  uniques: [{ properties: ["platform", "eventKey"] }],
  indexes: [
    { properties: ["organizationId", "receivedAt"] },
    { properties: ["organizationId", "status", "receivedAt"] },
    { properties: ["connectionId", "receivedAt"] },
    { properties: ["organizationId", "eventType", "receivedAt"] },
    {
      name: "webhook_event_pending_received_at_index",
      expression: `create index if not exists "webhook_event_pending_received_at_index" on "webhook_event" ("received_at") where "status" = 'received'`,
    },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: () =>
      p.manyToOne(Organization).mapToPk().nullable().fieldName("organization_id").deleteRule("cascade"),
    connectionId: () =>
      p.manyToOne(ChannelConnection).mapToPk().nullable().fieldName("connection_id").deleteRule("set null"),
    platform: p.enum(channelPlatforms),
    /** The platform's event identity, or a hash of the canonical body where it gives none. */
    eventKey: p.string().columnType("text"),
    eventType: p.string().columnType("text"),
    externalShopId: p.string().columnType("text").nullable(),
    headers: p.json<Record<string, string>>().default("{}"),
    body: p.string().columnType("text"),
    status: p.enum(webhookEventStatuses).default("received"),
    attempts: p.integer().default(0),
    duplicates: p.integer().default(0),
    error: p.string().columnType("text").nullable(),
    receivedAt: p.datetime().defaultRaw("now()"),
    lastDuplicateAt: p.datetime().nullable(),
    processedAt: p.datetime().nullable(),
    /** What processing did: `{ summary, effects[] }` (orders stored, listings changed, …). */
    outcome: p.json<Record<string, unknown>>().nullable(),
    /** Replays requested from the Webhooks screen; a replay of a processed event changes nothing. */
    replays: p.integer().default(0),
    lastReplayAt: p.datetime().nullable(),
    /** Set when a replay found the event already processed (the duplicate was recognised). */
    lastReplayOutcome: p.string().columnType("text").nullable(),
  },
});
export type WebhookEvent = InferEntity<typeof WebhookEvent>;

/** An order placed on a marketplace (inventory reservations and sales analytics read these). */
export const ChannelOrder = defineEntity({
  name: "ChannelOrder",
  tableName: "channel_order",
  uniques: [{ properties: ["connectionId", "externalOrderId"] }],
  indexes: [{ properties: ["organizationId", "placedAt"] }, { properties: ["organizationId", "status"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization(),
    connectionId: () => p.manyToOne(ChannelConnection).mapToPk().fieldName("connection_id").deleteRule("cascade"),
    externalOrderId: p.string().columnType("text"),
    /** Normalized: "created" | "paid" | "shipped" | "cancelled" | "completed". */
    status: p.string().columnType("text"),
    platformStatus: p.string().columnType("text").nullable(),
    currency: p.string().columnType("text").nullable(),
    total: p.bigint("number").nullable(),
    placedAt: p.datetime().nullable(),
    /** Platform update time of the state we hold; older events never overwrite newer state. */
    platformUpdatedAt: p.datetime().nullable(),
    paidAt: p.datetime().nullable(),
    /** "buyer" | "seller" | "platform" when cancelled. */
    cancelledBy: p.string().columnType("text").nullable(),
    cancelReason: p.string().columnType("text").nullable(),
    /** Fulfilled from the platform's own warehouse: moves no seller stock. */
    fulfilledByPlatform: p.boolean().default(false),
    /** Every status the order went through: `[{ status, platformStatus, at, source }]`. */
    statusHistory: p.json<Record<string, unknown>[]>().default("[]"),
    raw: p.json<Record<string, unknown>>().nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
});
export type ChannelOrder = InferEntity<typeof ChannelOrder>;

export const orderLineEffects = ["none", "committed", "shipped", "released", "restocked"] as const;
export type OrderLineEffect = (typeof orderLineEffects)[number];

/**
 * One line of an order and the stock effect applied for it (exactly once per transition): the
 * units committed, those that did not fit (oversold), and where the line stands.
 */
export const ChannelOrderLine = defineEntity({
  name: "ChannelOrderLine",
  tableName: "channel_order_line",
  uniques: [{ properties: ["orderId", "lineKey"] }],
  indexes: [
    { properties: ["orderId"] },
    { properties: ["organizationId", "variantId"] },
    {
      name: "channel_order_line_oversold_index",
      expression: `create index if not exists "channel_order_line_oversold_index" on "channel_order_line" ("organization_id") where "oversold_quantity" > 0`,
    },
    {
      name: "channel_order_line_unmatched_index",
      expression: `create index if not exists "channel_order_line_unmatched_index" on "channel_order_line" ("organization_id") where "variant_id" is null`,
    },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization(),
    orderId: () => p.manyToOne(ChannelOrder).mapToPk().fieldName("order_id").deleteRule("cascade"),
    listingId: () => p.manyToOne(Listing).mapToPk().nullable().fieldName("listing_id").deleteRule("set null"),
    variantId: () => p.manyToOne(Variant).mapToPk().nullable().fieldName("variant_id").deleteRule("set null"),
    externalProductId: p.string().columnType("text").nullable(),
    externalVariantId: p.string().columnType("text").nullable(),
    sku: p.string().columnType("text").nullable(),
    quantity: p.integer(),
    unitPrice: p.bigint("number").nullable(),
    /** Stable identity of the line within its order (external product|variant|sku). */
    lineKey: p.string().columnType("text"),
    effect: p.enum(orderLineEffects).default("none"),
    /** Units of this line held in `committed` (or shipped from it). */
    committedQuantity: p.integer().default(0).check("committed_quantity >= 0"),
    /** Units that did not fit in stock when the line was committed (first come by creation time). */
    oversoldQuantity: p.integer().default(0).check("oversold_quantity >= 0"),
    /** Units put back on hand after a received return. */
    restockedQuantity: p.integer().default(0),
    effectAt: p.datetime().nullable(),
  },
});
export type ChannelOrderLine = InferEntity<typeof ChannelOrderLine>;

export const alertSeverities = ["info", "warning", "critical"] as const;
export const alertStatuses = ["open", "acknowledged", "resolved"] as const;

/** Something a person should look at. One open alert per dedupe key; repeats bump `count`. */
export const Alert = defineEntity({
  name: "Alert",
  tableName: "alert",
  indexes: [
    { properties: ["organizationId", "status", "lastSeenAt"] },
    // One open alert per dedupe key (repeats bump its count).
    {
      name: "alert_open_dedupe_unique",
      expression: `create unique index if not exists "alert_open_dedupe_unique" on "alert" ("organization_id", "dedupe_key") where "status" <> 'resolved'`,
    },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization(),
    /** "webhook.signature_failures" | "webhook.event_failed" | "sync.failed" | "channel.reauth" | … */
    kind: p.string().columnType("text"),
    dedupeKey: p.string().columnType("text"),
    severity: p.enum(alertSeverities).default("warning"),
    status: p.enum(alertStatuses).default("open"),
    title: p.string().columnType("text"),
    detail: p.string().columnType("text").nullable(),
    /** What it is about: { connectionId, webhookEventId, listingId, … }. */
    subject: p.json<Record<string, unknown>>().default("{}"),
    count: p.integer().default(1),
    createdAt: createdAt(),
    lastSeenAt: p.datetime().defaultRaw("now()"),
    resolvedAt: p.datetime().nullable(),
  },
});
export type Alert = InferEntity<typeof Alert>;

export const reconciliationStatuses = ["running", "succeeded", "failed"] as const;

/**
 * One reconciliation pass over a shop: what it read from the platform and what webhooks had
 * missed (orders or listing changes found by polling that no webhook had brought).
 */
export const ReconciliationRun = defineEntity({
  name: "ReconciliationRun",
  tableName: "reconciliation_run",
  indexes: [{ properties: ["organizationId", "startedAt"] }, { properties: ["connectionId", "startedAt"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization(),
    connectionId: () => p.manyToOne(ChannelConnection).mapToPk().fieldName("connection_id").deleteRule("cascade"),
    status: p.enum(reconciliationStatuses).default("running"),
    /** The platform update-time window read. */
    windowFrom: p.datetime(),
    windowTo: p.datetime(),
    ordersChecked: p.integer().default(0),
    /** Orders the platform had that we did not hold, or held in an older state. */
    ordersMissed: p.integer().default(0),
    listingsChecked: p.integer().default(0),
    /** Listings whose channel state had changed without a webhook telling us. */
    listingChangesMissed: p.integer().default(0),
    /** Up to 50 examples: { kind: "order" | "listing", externalId, detail }. */
    details: p.json<Record<string, unknown>[]>().default("[]"),
    error: p.string().columnType("text").nullable(),
    startedAt: p.datetime().defaultRaw("now()"),
    finishedAt: p.datetime().nullable(),
  },
});
export type ReconciliationRun = InferEntity<typeof ReconciliationRun>;

export const webhookRejectionReasons = ["missing_signature", "invalid_signature", "stale_timestamp"] as const;
export type WebhookRejectionReason = (typeof webhookRejectionReasons)[number];

/**
 * Webhook requests the gateway refused, counted per minute, platform, claimed shop and reason.
 * The gateway aggregates in memory and upserts in batches (never one write per request). The shop
 * is the one the body claims (`external_shop_id`, "" when none): for a forged request that claim is
 * unproven, which is exactly what the Webhooks screen shows. `organization_id` is set when the
 * claimed shop is a connected one.
 */
export const WebhookRejection = defineEntity({
  name: "WebhookRejection",
  tableName: "webhook_rejection",
  uniques: [{ properties: ["platform", "externalShopId", "reason", "minute"] }],
  indexes: [{ properties: ["organizationId", "minute"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: () =>
      p.manyToOne(Organization).mapToPk().nullable().fieldName("organization_id").deleteRule("cascade"),
    connectionId: () =>
      p.manyToOne(ChannelConnection).mapToPk().nullable().fieldName("connection_id").deleteRule("set null"),
    platform: p.enum(channelPlatforms),
    externalShopId: p.string().columnType("text").default(""),
    reason: p.enum(webhookRejectionReasons),
    /** Start of the minute the requests arrived in. */
    minute: p.datetime(),
    count: p.integer().default(0),
    lastAt: p.datetime().defaultRaw("now()"),
  },
});
export type WebhookRejection = InferEntity<typeof WebhookRejection>;

export const marketplaceEntities = [
  Listing,
  SyncRun,
  SyncLog,
  WebhookEvent,
  ChannelOrder,
  ChannelOrderLine,
  Alert,
  ReconciliationRun,
  WebhookRejection,
];
