import { randomUUID } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Organization, User } from "./auth";

/** One row per mutation, written in the same transaction as the change it describes. */
export const AuditLog = defineEntity({
  name: "AuditLog",
  tableName: "audit_log",
  indexes: [
    { properties: ["organizationId", "createdAt"] },
    { properties: ["organizationId", "actorId", "createdAt"] },
    { properties: ["organizationId", "entity", "entityId"] },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: () => p.manyToOne(Organization).mapToPk().fieldName("organization_id").deleteRule("cascade"),
    actorId: () => p.manyToOne(User).mapToPk().nullable().fieldName("actor_id").deleteRule("set null"),
    action: p.string().columnType("text"),
    entity: p.string().columnType("text"),
    entityId: p.string().columnType("text").nullable(),
    /** What a person calls the entity, kept at write time (SKU, product title, shop name, email). */
    entityLabel: p.string().columnType("text").nullable(),
    diff: p.json<Record<string, { before: unknown; after: unknown }>>().nullable(),
    ip: p.string().columnType("text").nullable(),
    userAgent: p.string().columnType("text").nullable(),
    requestId: p.string().columnType("text").nullable(),
    createdAt: p
      .datetime()
      .defaultRaw("now()")
      .onCreate(() => new Date()),
  },
});
export type AuditLog = InferEntity<typeof AuditLog>;
