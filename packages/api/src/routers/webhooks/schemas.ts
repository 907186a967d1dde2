import { text } from "@syncstore/domain";
import { z } from "zod";
import { webhookStatuses } from "../../services/webhooks/events";

export const webhookPlatformSchema = z.enum(["shopee", "tiktok"]);
export const webhookStatusSchema = z.enum(webhookStatuses);

export const webhookEventItemSchema = z.object({
  id: text(),
  platform: webhookPlatformSchema,
  connection: z.object({ id: text(), name: text() }).nullable(),
  externalShopId: text().nullable(),
  eventType: text(),
  eventKey: text(),
  status: webhookStatusSchema,
  receivedAt: z.date(),
  processedAt: z.date().nullable(),
  latencyMs: z.number().nullable(),
  attempts: z.number(),
  duplicates: z.number(),
  replays: z.number(),
  lastReplayAt: z.date().nullable(),
  lastReplayOutcome: text().nullable(),
  error: text().nullable(),
  summary: text().nullable(),
});

export const alertItemSchema = z.object({
  id: text(),
  kind: text(),
  severity: z.enum(["info", "warning", "critical"]),
  status: z.enum(["open", "acknowledged", "resolved"]),
  title: text(),
  detail: text().nullable(),
  subject: z.record(text(), z.unknown()),
  count: z.number(),
  createdAt: z.date(),
  lastSeenAt: z.date(),
  resolvedAt: z.date().nullable(),
});
