import { randomUUID } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Organization, User } from "./auth";
import { Product, Variant } from "./catalog";
import { ChannelConnection } from "./channel-connection";
import { Listing } from "./listings";

/** Field groups and policies (the same names as `@syncstore/domain`'s conflict rules). */
export const conflictFieldGroupValues = ["content", "images", "options", "price", "status"] as const;
export const conflictPolicyValues = ["adopt", "override", "overwrite", "conflict"] as const;
export const conflictStatuses = ["open", "resolved", "moot"] as const;
export type ConflictStatus = (typeof conflictStatuses)[number];
/**
 * How a conflict ended: `master` pushed master, `channel` adopted the channel's value into master,
 * `manual` pushed a merged value everywhere; `adopted`, `overridden`, `overwritten` record what a
 * policy did on its own (history, never silent).
 */
export const conflictResolutions = ["master", "channel", "manual", "adopted", "overridden", "overwritten"] as const;
export type ConflictResolution = (typeof conflictResolutions)[number];
/** Where the channel's value was seen. */
export const conflictSources = ["webhook", "reconciliation", "import", "compare", "link"] as const;
export type ConflictSource = (typeof conflictSources)[number];

/** One side's values of a field group (money in minor units with its currency). */
export interface ConflictValues {
  title?: string | null;
  description?: string | null;
  images?: string[] | null;
  options?: Record<string, string> | null;
  price?: number | null;
  currency?: string | null;
  status?: string | null;
}

const organization = () => p.manyToOne(Organization).mapToPk().fieldName("organization_id").deleteRule("cascade");

/**
 * A field group of one listing that the channel and master both changed since the last synced
 * base (or that only the channel changed, under the "open a conflict" policy). While it is open the
 * engine does not push that field group to that listing; other fields keep syncing.
 */
export const Conflict = defineEntity({
  name: "Conflict",
  tableName: "conflict",
  indexes: [
    { properties: ["organizationId", "status", "detectedAt"] },
    { properties: ["organizationId", "productId", "detectedAt"] },
    { properties: ["listingId", "status"] },
    {
      name: "conflict_open_unique",
      expression: `create unique index if not exists "conflict_open_unique" on "conflict" ("listing_id", "field_group") where "status" = 'open'`,
    },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization(),
    listingId: () => p.manyToOne(Listing).mapToPk().fieldName("listing_id").deleteRule("cascade"),
    connectionId: () => p.manyToOne(ChannelConnection).mapToPk().fieldName("connection_id").deleteRule("cascade"),
    productId: () => p.manyToOne(Product).mapToPk().nullable().fieldName("product_id").deleteRule("set null"),
    variantId: () => p.manyToOne(Variant).mapToPk().nullable().fieldName("variant_id").deleteRule("set null"),
    fieldGroup: p.enum(conflictFieldGroupValues),
    status: p.enum(conflictStatuses).default("open"),
    source: p.enum(conflictSources),
    base: p.json<ConflictValues>().nullable(),
    master: p.json<ConflictValues>(),
    channel: p.json<ConflictValues>(),
    /** When the channel's value was observed (platform update time when given). */
    channelSeenAt: p.datetime().defaultRaw("now()"),
    detectedAt: p.datetime().defaultRaw("now()"),
    resolution: p.enum(conflictResolutions).nullable(),
    /** The value pushed or adopted by the resolution. */
    resolvedValue: p.json<ConflictValues>().nullable(),
    resolvedById: () => p.manyToOne(User).mapToPk().nullable().fieldName("resolved_by_id").deleteRule("set null"),
    resolvedAt: p.datetime().nullable(),
    /** Why a conflict closed itself (moot), or what a policy did. */
    note: p.string().columnType("text").nullable(),
  },
});
export type Conflict = InferEntity<typeof Conflict>;

/**
 * The policy for a field group when only the channel changed it: organization-wide
 * (`connection_id` null) or for one shop. Absent rows mean "open a conflict".
 */
export const ConflictPolicySetting = defineEntity({
  name: "ConflictPolicySetting",
  tableName: "conflict_policy",
  uniques: [{ properties: ["organizationId", "connectionId", "fieldGroup"] }],
  indexes: [
    {
      name: "conflict_policy_org_unique",
      expression: `create unique index if not exists "conflict_policy_org_unique" on "conflict_policy" ("organization_id", "field_group") where "connection_id" is null`,
    },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization(),
    connectionId: () =>
      p.manyToOne(ChannelConnection).mapToPk().nullable().fieldName("connection_id").deleteRule("cascade"),
    fieldGroup: p.enum(conflictFieldGroupValues),
    policy: p.enum(conflictPolicyValues),
    updatedAt: p
      .datetime()
      .defaultRaw("now()")
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type ConflictPolicySetting = InferEntity<typeof ConflictPolicySetting>;

export const conflictEntities = [Conflict, ConflictPolicySetting];
