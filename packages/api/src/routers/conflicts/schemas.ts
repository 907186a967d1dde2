import { conflictFieldGroups, conflictPolicies, titleField, text } from "@syncstore/domain";
import { z } from "zod";

const noNul = (value: string) => !value.includes("\u0000");

export const valuesSchema = z.object({
  title: text().nullable().optional(),
  description: text().nullable().optional(),
  images: z.array(text()).nullable().optional(),
  options: z.record(text(), text()).nullable().optional(),
  price: z.number().nullable().optional(),
  currency: text().nullable().optional(),
  status: text().nullable().optional(),
});

export const conflictRowSchema = z.object({
  id: text(),
  fieldGroup: z.enum(conflictFieldGroups),
  status: text(),
  source: text(),
  detectedAt: z.date(),
  channelSeenAt: z.date(),
  resolution: text().nullable(),
  resolvedAt: z.date().nullable(),
  resolvedByName: text().nullable(),
  note: text().nullable(),
  base: valuesSchema.nullable(),
  master: valuesSchema,
  channel: valuesSchema,
  resolvedValue: valuesSchema.nullable(),
  currency: text(),
  listingId: text(),
  sku: text().nullable(),
  productId: text().nullable(),
  productTitle: text().nullable(),
  connectionId: text(),
  connectionName: text(),
  platform: z.enum(["shopee", "tiktok"]),
});

/** A merged value typed by a person: a title (and description), a price in minor units, images, option values or a status. */
export const mergedValueSchema = z.union([
  z.strictObject({
    title: titleField.refine(noNul, "Text must not contain NUL characters"),
    description: text().max(20_000).refine(noNul, "Text must not contain NUL characters").nullable().optional(),
  }),
  z.strictObject({ price: z.number().int().positive().max(1_000_000_000_00) }),
  z.strictObject({
    images: z
      .array(text().trim().min(1, "An image URL must not be empty").max(2000))
      .min(1, "Keep at least one image")
      .max(20),
  }),
  z.strictObject({
    options: z
      .record(text().trim().min(1).max(60), text().trim().min(1, "An option value must not be empty").max(120))
      .refine((options) => Object.keys(options).length > 0, "Keep at least one option"),
  }),
  z.strictObject({ status: z.enum(["active", "inactive", "deleted"]) }),
]);

export const policiesSchema = z.partialRecord(z.enum(conflictFieldGroups), z.enum(conflictPolicies));
