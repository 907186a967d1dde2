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
