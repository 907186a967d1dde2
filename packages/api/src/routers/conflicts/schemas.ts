import { conflictFieldGroups, conflictPolicies, titleField } from "@syncstore/domain";
import { z } from "zod";

const noNul = (value: string) => !value.includes("\u0000");

export const valuesSchema = z.object({
  title: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  images: z.array(z.string()).nullable().optional(),
  options: z.record(z.string(), z.string()).nullable().optional(),
  price: z.number().nullable().optional(),
  currency: z.string().nullable().optional(),
  status: z.string().nullable().optional(),
});

export const conflictRowSchema = z.object({
  id: z.string(),
  fieldGroup: z.enum(conflictFieldGroups),
  status: z.string(),
  source: z.string(),
  detectedAt: z.date(),
  channelSeenAt: z.date(),
  resolution: z.string().nullable(),
  resolvedAt: z.date().nullable(),
  resolvedByName: z.string().nullable(),
  note: z.string().nullable(),
  base: valuesSchema.nullable(),
  master: valuesSchema,
  channel: valuesSchema,
  resolvedValue: valuesSchema.nullable(),
  currency: z.string(),
  listingId: z.string(),
  sku: z.string().nullable(),
  productId: z.string().nullable(),
  productTitle: z.string().nullable(),
  connectionId: z.string(),
  connectionName: z.string(),
  platform: z.enum(["shopee", "tiktok"]),
});

/** A merged value typed by a person: a title (and description) or a price in minor units. */
export const mergedValueSchema = z.union([
  z.strictObject({
    title: titleField.refine(noNul, "Text must not contain NUL characters"),
    description: z.string().max(20_000).refine(noNul, "Text must not contain NUL characters").nullable().optional(),
  }),
  z.strictObject({ price: z.number().int().positive().max(1_000_000_000_00) }),
]);

export const policiesSchema = z.partialRecord(z.enum(conflictFieldGroups), z.enum(conflictPolicies));
