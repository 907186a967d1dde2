import { randomUUID } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Organization, User } from "./auth";
import { Alert } from "./marketplace";

const organization = () => p.manyToOne(Organization).mapToPk().fieldName("organization_id").deleteRule("cascade");

/** Which user has read which alert (the bell's unread count is per user). */
export const AlertRead = defineEntity({
  name: "AlertRead",
  tableName: "alert_read",
  uniques: [{ properties: ["alertId", "userId"] }],
  indexes: [{ properties: ["organizationId", "userId"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization(),
    alertId: () => p.manyToOne(Alert).mapToPk().fieldName("alert_id").deleteRule("cascade"),
    userId: () => p.manyToOne(User).mapToPk().fieldName("user_id").deleteRule("cascade"),
    readAt: p
      .datetime()
      .defaultRaw("now()")
      .onCreate(() => new Date()),
  },
});
export type AlertRead = InferEntity<typeof AlertRead>;

/** How a member wants to hear about alerts of one organization (Settings → Notifications). */
export const NotificationPreference = defineEntity({
  name: "NotificationPreference",
  tableName: "notification_preference",
  uniques: [{ properties: ["organizationId", "userId"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization(),
    userId: () => p.manyToOne(User).mapToPk().fieldName("user_id").deleteRule("cascade"),
    /** Email each critical alert as it is raised. */
    emailCritical: p.boolean().default(true),
    /** One email a day with the alerts of the last 24 hours. */
    dailyDigest: p.boolean().default(false),
    lastDigestAt: p.datetime().nullable(),
  },
});
export type NotificationPreference = InferEntity<typeof NotificationPreference>;

export const alertEntities = [AlertRead, NotificationPreference];
