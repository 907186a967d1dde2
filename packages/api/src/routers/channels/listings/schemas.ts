import { listingSyncStates } from "@syncstore/db";
import { z } from "zod";

const ending = z.enum(["none", "99", "90", "whole"]).optional();

export const listingPriceRuleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("set"), amount: z.number(), ending }),
  z.object({ kind: z.literal("change_amount"), amount: z.number(), ending }),
  z.object({ kind: z.literal("change_percent"), basisPoints: z.number(), ending }),
]);

export const listingSnapshotSchema = z.object({
  title: z.string().nullish(),
  description: z.string().nullish(),
  price: z.number().nullish(),
  stock: z.number().nullish(),
  status: z.string().nullish(),
  options: z.record(z.string(), z.string()).nullish(),
});

export const listingDtoSchema = z.object({
  id: z.string(),
  connectionId: z.string(),
  variantId: z.string().nullable(),
  productId: z.string().nullable(),
  externalProductId: z.string().nullable(),
  externalVariantId: z.string().nullable(),
  externalSku: z.string().nullable(),
  externalTitle: z.string().nullable(),
  channelStatus: z.string().nullable(),
  enabled: z.boolean(),
  titleOverride: z.string().nullable(),
  descriptionOverride: z.string().nullable(),
  priceRule: listingPriceRuleSchema.nullable(),
  stockBuffer: z.number(),
  stockCap: z.number().nullable(),
  syncState: z.enum(listingSyncStates),
  lastError: z.string().nullable(),
  lastErrorCode: z.string().nullable(),
  lastSyncedAt: z.date().nullable(),
  channelState: listingSnapshotSchema.nullable(),
  channelPrice: z.number().nullable(),
  channelCurrency: z.string(),
  priceHold: z.string().nullable(),
  channelStock: z.number().nullable(),
});

export const connectionIdField = z.uuid("Must be a valid connection id");
export const listingIdField = z.uuid("Must be a valid listing id");
