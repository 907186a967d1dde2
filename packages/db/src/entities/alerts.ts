import { randomUUID } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { User } from "./auth";
import { createdAt, organization } from "./columns";

export const alertSeverities = ["info", "warning", "critical"] as const;
export const alertStatuses = ["open", "acknowledged", "resolved"] as const;

/** Something a person should look at. One open alert per dedupe key; repeats bump `count`. */
export const Alert = defineEntity({
  name: "Alert",
  tableName: "alert",
  indexes: [
    { properties: ["organizationId", "status", "lastSeenAt"] },
    // One open alert per dedupe key (repeats bump its count).
    {
      name: "alert_open_dedupe_unique",
      expression: `create unique index if not exists "alert_open_dedupe_unique" on "alert" ("organization_id", "dedupe_key") where "status" <> 'resolved'`,
    },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization(),
    /** "webhook.signature_failures" | "webhook.event_failed" | "sync.failed" | "channel.reauth" | … */
    kind: p.string().columnType("text"),
    dedupeKey: p.string().columnType("text"),
    severity: p.enum(alertSeverities).default("warning"),
    status: p.enum(alertStatuses).default("open"),
    title: p.string().columnType("text"),
    detail: p.string().columnType("text").nullable(),
    /** What it is about: { connectionId, webhookEventId, listingId, … }. */
    subject: p.json<Record<string, unknown>>().default("{}"),
    count: p.integer().default(1),
    createdAt: createdAt(),
    lastSeenAt: p.datetime().defaultRaw("now()"),
    resolvedAt: p.datetime().nullable(),
  },
});
export type Alert = InferEntity<typeof Alert>;

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
    /** Which alert groups ("stock", "channels", …) reach this member by email; null: every group. */
    emailGroups: p.json<string[]>().nullable(),
    lastDigestAt: p.datetime().nullable(),
  },
});
export type NotificationPreference = InferEntity<typeof NotificationPreference>;

export const alertEntities = [Alert, AlertRead, NotificationPreference];
