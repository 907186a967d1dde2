import { z } from "zod";
import { webhookStatuses } from "../../services/webhooks/events";

export const webhookPlatformSchema = z.enum(["shopee", "tiktok"]);
export const webhookStatusSchema = z.enum(webhookStatuses);

export const webhookEventItemSchema = z.object({
  id: z.string(),
  platform: webhookPlatformSchema,
  connection: z.object({ id: z.string(), name: z.string() }).nullable(),
  externalShopId: z.string().nullable(),
  eventType: z.string(),
  eventKey: z.string(),
  status: webhookStatusSchema,
  receivedAt: z.date(),
  processedAt: z.date().nullable(),
  latencyMs: z.number().nullable(),
  attempts: z.number(),
  duplicates: z.number(),
  replays: z.number(),
  lastReplayAt: z.date().nullable(),
  lastReplayOutcome: z.string().nullable(),
  error: z.string().nullable(),
  summary: z.string().nullable(),
});

export const alertItemSchema = z.object({
  id: z.string(),
  kind: z.string(),
  severity: z.enum(["info", "warning", "critical"]),
  status: z.enum(["open", "acknowledged", "resolved"]),
  title: z.string(),
  detail: z.string().nullable(),
  subject: z.record(z.string(), z.unknown()),
  count: z.number(),
  createdAt: z.date(),
  lastSeenAt: z.date(),
  resolvedAt: z.date().nullable(),
});
