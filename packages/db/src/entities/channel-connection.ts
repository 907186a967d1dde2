import { randomUUID } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Organization, User } from "./auth";

export const channelPlatforms = ["shopee", "tiktok"] as const;
export type ChannelPlatform = (typeof channelPlatforms)[number];

export const channelConnectionStatuses = ["active", "expiring", "needs_reauth", "error", "disconnected"] as const;
export type ChannelConnectionStatus = (typeof channelConnectionStatuses)[number];

/** API quota as the platform last reported it (null fields when it did not say). */
export interface ChannelQuota {
  limit: number | null;
  remaining: number | null;
  resetAt: string | null;
}

/** Same shape as a listing's price rule (amounts in the shop's minor units, percent in basis points). */
export type ChannelDefaultPriceRule =
  | { kind: "set"; amount: number; ending?: "none" | "99" | "90" | "whole" }
  | { kind: "change_amount"; amount: number; ending?: "none" | "99" | "90" | "whole" }
  | { kind: "change_percent"; basisPoints: number; ending?: "none" | "99" | "90" | "whole" };

/** Progress of the last "Import listings" run (the `import-listings` job commits it per page). */
export interface ChannelImportProgress {
  status: "queued" | "running" | "succeeded" | "failed";
  /** Channel products read so far, and the shop's total when the platform reports it. */
  products: number;
  total: number | null;
  /** Listings (channel variants) upserted, and how many of them matched a master SKU. */
  listings: number;
  linked: number;
  /** The platform page cursor after the last committed page (a retry resumes there). */
  cursor: string | null;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/**
 * One marketplace shop connected to an organization. Tokens are stored only as values from
 * `encryptToken` (AES-256-GCM, key id inside the value); they are null once disconnected.
 */
export const ChannelConnection = defineEntity({
  name: "ChannelConnection",
  tableName: "channel_connection",
  uniques: [{ properties: ["organizationId", "platform", "externalShopId"] }],
  indexes: [
    { properties: ["organizationId", "status"] },
    {
      // One shop is connected to one organization at a time (a disconnected row may stay behind).
      name: "channel_connection_one_live_shop_unique",
      expression: `create unique index "channel_connection_one_live_shop_unique" on "channel_connection" ("platform", "external_shop_id") where status <> 'disconnected'`,
    },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: () => p.manyToOne(Organization).mapToPk().fieldName("organization_id").deleteRule("cascade"),
    platform: p.enum(channelPlatforms),
    externalShopId: p.string().columnType("text"),
    name: p.string().columnType("text"),
    region: p.string().columnType("text").nullable(),
    /** ISO 4217 code of the shop's prices, learned from the platform's shop information (its region). */
    currency: p.string().columnType("text").nullable(),
    /** The price rule a listing on this shop gets when it has none of its own (Settings → Channels). */
    defaultPriceRule: p.json<ChannelDefaultPriceRule>().nullable(),
    /** TikTok `shop_cipher` (not a secret: it names the shop in signed calls). */
    shopCipher: p.string().columnType("text").nullable(),
    accessTokenEnc: p.string().columnType("text").nullable(),
    refreshTokenEnc: p.string().columnType("text").nullable(),
    accessExpiresAt: p.datetime().nullable(),
    refreshExpiresAt: p.datetime().nullable(),
    status: p.enum(channelConnectionStatuses).default("active"),
    lastHealthAt: p.datetime().nullable(),
    lastError: p.string().columnType("text").nullable(),
    quota: p.json<ChannelQuota>().nullable(),
    /** Paused connections keep their queued pushes but the sync engine does not send them. */
    syncPaused: p.boolean().default(false),
    lastImportedAt: p.datetime().nullable(),
    importProgress: p.json<ChannelImportProgress>().nullable(),
    lastReconciledAt: p.datetime().nullable(),
    /**
     * The order watermark's current hold (invariant 8): while set, stock pushes to this shop wait
     * for the order events received before this time, and only those (see `holdForOrders`).
     */
    stockPushHeldSince: p.datetime().nullable(),
    connectedById: () => p.manyToOne(User).mapToPk().nullable().fieldName("connected_by").deleteRule("set null"),
    createdAt: p
      .datetime()
      .defaultRaw("now()")
      .onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .defaultRaw("now()")
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type ChannelConnection = InferEntity<typeof ChannelConnection>;

export const channelEntities = [ChannelConnection];
