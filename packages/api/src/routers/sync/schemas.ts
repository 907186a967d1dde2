import { text } from "@syncstore/domain";
import { syncOutcomes, syncRunStatuses, listingSyncStates } from "@syncstore/db";
import { z } from "zod";

const platform = z.enum(["shopee", "tiktok"]);

/** What we pushed or saw on the channel (money in minor units). */
export const snapshotSchema = z
  .object({
    title: text().nullable().optional(),
    description: text().nullable().optional(),
    price: z.number().nullable().optional(),
    stock: z.number().nullable().optional(),
    status: text().nullable().optional(),
  })
  .nullable();

export const attemptSchema = z.object({
  id: text(),
  at: z.date(),
  connection: z.object({ id: text(), name: text(), platform }),
  listingId: text().nullable(),
  productId: text().nullable(),
  productTitle: text().nullable(),
  variantId: text().nullable(),
  sku: text().nullable(),
  syncRunId: text().nullable(),
  operation: text(),
  outcome: z.enum(syncOutcomes),
  attempt: z.number(),
  durationMs: z.number(),
  requestId: text().nullable(),
  errorCode: text().nullable(),
  error: text().nullable(),
  before: snapshotSchema,
  after: snapshotSchema,
});

export const runSchema = z.object({
  id: text(),
  kind: text(),
  scope: z.record(text(), z.unknown()),
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  status: z.enum(syncRunStatuses),
  actorId: text().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});

export const channelCountsSchema = z.object({
  connectionId: text(),
  name: text(),
  platform,
  status: text(),
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
  listingId: text(),
  connection: z.object({ id: text(), name: text(), platform, paused: z.boolean() }),
  variantId: text().nullable(),
  sku: text().nullable(),
  options: z.record(text(), text()),
  externalProductId: text().nullable(),
  externalVariantId: text().nullable(),
  enabled: z.boolean(),
  syncState: z.enum(listingSyncStates),
  lastErrorCode: text().nullable(),
  lastError: text().nullable(),
  lastSyncedAt: z.date().nullable(),
});

export const connectionIdSchema = z.uuid("Must be a valid connection id");

export const pauseResultSchema = z.object({ connectionId: text(), paused: z.boolean(), marked: z.number() });
