import { randomUUID } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Organization, User } from "./auth";
import { Variant } from "./catalog";

export const bulkOperationStatuses = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type BulkOperationStatus = (typeof bulkOperationStatuses)[number];

/**
 * One bulk change over many catalog rows. `parameters` holds the action (and the job's progress
 * cursor), `selection` the explicit variant ids or the filter/search that picked "all matching".
 */
export const BulkOperation = defineEntity({
  name: "BulkOperation",
  tableName: "bulk_operation",
  indexes: [{ properties: ["organizationId", "status"] }, { properties: ["organizationId", "createdAt"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: () => p.manyToOne(Organization).mapToPk().fieldName("organization_id").deleteRule("cascade"),
    kind: p.string().columnType("text"),
    parameters: p.json<Record<string, unknown>>(),
    selection: p.json<Record<string, unknown>>(),
    total: p.integer().default(0),
    done: p.integer().default(0),
    failed: p.integer().default(0),
    status: p.enum(bulkOperationStatuses).default("queued"),
    actorId: () => p.manyToOne(User).mapToPk().nullable().fieldName("actor_id").deleteRule("set null"),
    createdAt: p
      .datetime()
      .defaultRaw("now()")
      .onCreate(() => new Date()),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
  },
});
export type BulkOperation = InferEntity<typeof BulkOperation>;

/** A row a bulk operation could not change, and why. */
export const BulkOperationItem = defineEntity({
  name: "BulkOperationItem",
  tableName: "bulk_operation_item",
  uniques: [{ properties: ["operationId", "variantId"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: () => p.manyToOne(Organization).mapToPk().fieldName("organization_id").deleteRule("cascade"),
    operationId: () => p.manyToOne(BulkOperation).mapToPk().fieldName("operation_id").deleteRule("cascade"),
    variantId: () => p.manyToOne(Variant).mapToPk().nullable().fieldName("variant_id").deleteRule("set null"),
    reason: p.string().columnType("text"),
    createdAt: p
      .datetime()
      .defaultRaw("now()")
      .onCreate(() => new Date()),
  },
});
export type BulkOperationItem = InferEntity<typeof BulkOperationItem>;

export const bulkOperationEntities = [BulkOperation, BulkOperationItem];
