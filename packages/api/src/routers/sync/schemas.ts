import { syncOutcomes, syncRunStatuses, listingSyncStates } from "@syncstore/db";
import { z } from "zod";

const platform = z.enum(["shopee", "tiktok"]);

/** What we pushed or saw on the channel (money in minor units). */
export const snapshotSchema = z
  .object({
    title: z.string().nullable().optional(),
    description: z.string().nullable().optional(),
    price: z.number().nullable().optional(),
    stock: z.number().nullable().optional(),
    status: z.string().nullable().optional(),
  })
  .nullable();

export const attemptSchema = z.object({
  id: z.string(),
  at: z.date(),
  connection: z.object({ id: z.string(), name: z.string(), platform }),
  listingId: z.string().nullable(),
  productId: z.string().nullable(),
  productTitle: z.string().nullable(),
  variantId: z.string().nullable(),
  sku: z.string().nullable(),
  syncRunId: z.string().nullable(),
  operation: z.string(),
  outcome: z.enum(syncOutcomes),
  attempt: z.number(),
  durationMs: z.number(),
  requestId: z.string().nullable(),
  errorCode: z.string().nullable(),
  error: z.string().nullable(),
  before: snapshotSchema,
  after: snapshotSchema,
});

export const runSchema = z.object({
  id: z.string(),
  kind: z.string(),
  scope: z.record(z.string(), z.unknown()),
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  status: z.enum(syncRunStatuses),
  actorId: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});

export const channelCountsSchema = z.object({
  connectionId: z.string(),
  name: z.string(),
  platform,
  status: z.string(),
  paused: z.boolean(),
  pending: z.number(),
  syncing: z.number(),
  inSync: z.number(),
  failed: z.number(),
  conflict: z.number(),
  failedLastHour: z.number(),
  pushedLastHour: z.number(),
});

export const listingStatusSchema = z.object({
  listingId: z.string(),
  connection: z.object({ id: z.string(), name: z.string(), platform, paused: z.boolean() }),
  variantId: z.string().nullable(),
  sku: z.string().nullable(),
  options: z.record(z.string(), z.string()),
  externalProductId: z.string().nullable(),
  externalVariantId: z.string().nullable(),
  enabled: z.boolean(),
  syncState: z.enum(listingSyncStates),
  lastErrorCode: z.string().nullable(),
  lastError: z.string().nullable(),
  lastSyncedAt: z.date().nullable(),
});

export const connectionIdSchema = z.uuid("Must be a valid connection id");

export const pauseResultSchema = z.object({ connectionId: z.string(), paused: z.boolean(), marked: z.number() });
