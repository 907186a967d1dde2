import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/**
 * Tables owned by better-auth (user, session, account, verification, organization, member,
 * invitation, rate_limit). They are declared here so that MikroORM migrations are the only way the
 * schema changes; better-auth is configured (packages/auth) to use these snake_case columns.
 */
const createdAt = () =>
  p
    .datetime()
    .defaultRaw("now()")
    .onCreate(() => new Date());
const updatedAt = () =>
  p
    .datetime()
    .defaultRaw("now()")
    .onCreate(() => new Date())
    .onUpdate(() => new Date());

export const User = defineEntity({
  name: "User",
  tableName: "user",
  properties: {
    id: p.string().columnType("text").primary(),
    name: p.string().columnType("text"),
    email: p.string().columnType("text").unique(),
    emailVerified: p.boolean().default(false),
    image: p.string().columnType("text").nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
});
export type User = InferEntity<typeof User>;

export const Session = defineEntity({
  name: "Session",
  tableName: "session",
  properties: {
    id: p.string().columnType("text").primary(),
    userId: () => p.manyToOne(User).mapToPk().fieldName("user_id").deleteRule("cascade").index(),
    token: p.string().columnType("text").unique(),
    expiresAt: p.datetime(),
    ipAddress: p.string().columnType("text").nullable(),
    userAgent: p.string().columnType("text").nullable(),
    activeOrganizationId: p.string().columnType("text").nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
});
export type Session = InferEntity<typeof Session>;

export const Account = defineEntity({
  name: "Account",
  tableName: "account",
  properties: {
    id: p.string().columnType("text").primary(),
    userId: () => p.manyToOne(User).mapToPk().fieldName("user_id").deleteRule("cascade").index(),
    accountId: p.string().columnType("text"),
    providerId: p.string().columnType("text"),
    accessToken: p.string().columnType("text").nullable(),
    refreshToken: p.string().columnType("text").nullable(),
    idToken: p.string().columnType("text").nullable(),
    accessTokenExpiresAt: p.datetime().nullable(),
    refreshTokenExpiresAt: p.datetime().nullable(),
    scope: p.string().columnType("text").nullable(),
    password: p.string().columnType("text").nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
});
export type Account = InferEntity<typeof Account>;

export const Verification = defineEntity({
  name: "Verification",
  tableName: "verification",
  properties: {
    id: p.string().columnType("text").primary(),
    identifier: p.string().columnType("text").index(),
    value: p.string().columnType("text"),
    expiresAt: p.datetime(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
});
export type Verification = InferEntity<typeof Verification>;

export const Organization = defineEntity({
  name: "Organization",
  tableName: "organization",
  properties: {
    id: p.string().columnType("text").primary(),
    name: p.string().columnType("text"),
    slug: p.string().columnType("text").unique(),
    logo: p.string().columnType("text").nullable(),
    metadata: p.string().columnType("text").nullable(),
    /** ISO 4217 code of the catalog's money (prices are integer minor units of it). */
    currency: p.string().columnType("text").default("USD"),
    /** IANA time zone the organization's days (reports, digests, charts) are counted in. */
    timeZone: p.string().columnType("text").default("UTC"),
    /** Below this margin (basis points of the price) a variant is flagged; null: no threshold. */
    marginThresholdBps: p.integer().nullable(),
    createdAt: createdAt(),
  },
});
export type Organization = InferEntity<typeof Organization>;

export const Member = defineEntity({
  name: "Member",
  tableName: "member",
  uniques: [{ properties: ["organizationId", "userId"] }],
  properties: {
    id: p.string().columnType("text").primary(),
    organizationId: () =>
      p.manyToOne(Organization).mapToPk().fieldName("organization_id").deleteRule("cascade").index(),
    userId: () => p.manyToOne(User).mapToPk().fieldName("user_id").deleteRule("cascade").index(),
    role: p.string().columnType("text"),
    createdAt: createdAt(),
  },
});
export type Member = InferEntity<typeof Member>;

export const Invitation = defineEntity({
  name: "Invitation",
  tableName: "invitation",
  properties: {
    id: p.string().columnType("text").primary(),
    organizationId: () =>
      p.manyToOne(Organization).mapToPk().fieldName("organization_id").deleteRule("cascade").index(),
    email: p.string().columnType("text").index(),
    role: p.string().columnType("text").nullable(),
    status: p.string().columnType("text").default("pending"),
    expiresAt: p.datetime(),
    inviterId: () => p.manyToOne(User).mapToPk().fieldName("inviter_id").deleteRule("cascade").index(),
    createdAt: createdAt(),
  },
});
export type Invitation = InferEntity<typeof Invitation>;

export const RateLimit = defineEntity({
  name: "RateLimit",
  tableName: "rate_limit",
  properties: {
    id: p.string().columnType("text").primary(),
    key: p.string().columnType("text").unique(),
    count: p.integer(),
    lastRequest: p.bigint("number"),
  },
});
export type RateLimit = InferEntity<typeof RateLimit>;
