import { randomUUID } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Organization } from "./auth";
import { ChannelConnection, channelPlatforms } from "./channel-connection";
import { organization } from "./columns";

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

export const webhookEntities = [WebhookEvent, ReconciliationRun, WebhookRejection];
