import { randomUUID } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Organization, User } from "./auth";

/** A user's layout of one grid (columns, sort, filter) in one organization. `grid` names the screen. */
export const UserGridState = defineEntity({
  name: "UserGridState",
  tableName: "user_grid_state",
  uniques: [{ properties: ["organizationId", "userId", "grid"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: () => p.manyToOne(Organization).mapToPk().fieldName("organization_id").deleteRule("cascade"),
    userId: () => p.manyToOne(User).mapToPk().fieldName("user_id").deleteRule("cascade").index(),
    grid: p.string().columnType("text"),
    state: p.json<Record<string, unknown>>(),
    updatedAt: p
      .datetime()
      .defaultRaw("now()")
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type UserGridState = InferEntity<typeof UserGridState>;

/** A named filter view a user saved on one grid. */
export const SavedView = defineEntity({
  name: "SavedView",
  tableName: "saved_view",
  uniques: [{ properties: ["organizationId", "userId", "grid", "name"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: () => p.manyToOne(Organization).mapToPk().fieldName("organization_id").deleteRule("cascade"),
    userId: () => p.manyToOne(User).mapToPk().fieldName("user_id").deleteRule("cascade").index(),
    grid: p.string().columnType("text"),
    name: p.string().columnType("text"),
    state: p.json<Record<string, unknown>>(),
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
export type SavedView = InferEntity<typeof SavedView>;

export const catalogPreferenceEntities = [UserGridState, SavedView];
