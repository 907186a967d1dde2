import { randomUUID } from "node:crypto";
import { p } from "@mikro-orm/core";
import { Organization } from "./auth";

/**
 * Column helpers shared by the entity files: a uuid primary key set on create, the tenant column
 * (`organization_id`, cascade) and the created/updated timestamps. `auth.ts` keeps its own timestamps (it is imported from here).
 */
export const uuidPrimary = () =>
  p
    .uuid()
    .primary()
    .onCreate(() => randomUUID());
export const organization = () =>
  p.manyToOne(Organization).mapToPk().fieldName("organization_id").deleteRule("cascade");
export const createdAt = () =>
  p
    .datetime()
    .defaultRaw("now()")
    .onCreate(() => new Date());
export const updatedAt = () =>
  p
    .datetime()
    .defaultRaw("now()")
    .onCreate(() => new Date())
    .onUpdate(() => new Date());
