import { alertGroups, text } from "@syncstore/domain";
import { z } from "zod";

export const alertSeveritySchema = z.enum(["info", "warning", "critical"]);
export const alertStatusSchema = z.enum(["open", "acknowledged", "resolved"]);

export const alertItemSchema = z.object({
  id: text(),
  kind: text(),
  severity: alertSeveritySchema,
  status: alertStatusSchema,
  title: text(),
  detail: text().nullable(),
  subject: z.record(text(), z.unknown()),
  count: z.number(),
  createdAt: z.date(),
  lastSeenAt: z.date(),
  resolvedAt: z.date().nullable(),
  read: z.boolean(),
  productId: text().nullable(),
  connectionId: text().nullable(),
  shopName: text().nullable(),
});

/** One to 500 alerts of the organization (the Alerts page's bulk actions send the selection). */
export const alertIdsSchema = z.strictObject({
  ids: z.array(z.uuid("Must be a valid alert id")).min(1, "Choose at least one alert").max(500, "At most 500 alerts"),
});

export const alertGroupSchema = z.enum(alertGroups);
