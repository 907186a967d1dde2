import { randomUUID } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { User } from "./auth";
import { ChannelConnection } from "./channel-connection";
import { createdAt, organization } from "./columns";
import { Listing, type ListingSnapshot } from "./listings";

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
    /**
     * Normalised content hash of the field group sent (echo suppression): a channel value with the
     * hash of something we pushed, even a push whose answer was lost, is never a seller edit.
     */
    contentHash: p.string().columnType("text").nullable(),
    createdAt: createdAt(),
  },
});
export type SyncLog = InferEntity<typeof SyncLog>;

export const syncEntities = [SyncRun, SyncLog];
