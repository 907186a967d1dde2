import { stockRuleSchema, text } from "@syncstore/domain";
import { listingSyncStates } from "@syncstore/db";
import { z } from "zod";

const ending = z.enum(["none", "99", "90", "whole"]).optional();

export const listingPriceRuleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("set"), amount: z.number(), ending }),
  z.object({ kind: z.literal("change_amount"), amount: z.number(), ending }),
  z.object({ kind: z.literal("change_percent"), basisPoints: z.number(), ending }),
]);

export const listingSnapshotSchema = z.object({
  title: text().nullish(),
  description: text().nullish(),
  price: z.number().nullish(),
  stock: z.number().nullish(),
  status: text().nullish(),
  options: z.record(text(), text()).nullish(),
});

export const listingDtoSchema = z.object({
  id: text(),
  connectionId: text(),
  variantId: text().nullable(),
  productId: text().nullable(),
  externalProductId: text().nullable(),
  externalVariantId: text().nullable(),
  externalSku: text().nullable(),
  externalTitle: text().nullable(),
  channelStatus: text().nullable(),
  enabled: z.boolean(),
  titleOverride: text().nullable(),
  descriptionOverride: text().nullable(),
  priceRule: listingPriceRuleSchema.nullable(),
  stockRule: stockRuleSchema.nullable(),
  inheritedStockRule: z.object({
    level: z.enum(["connection", "organization", "none"]),
    rule: stockRuleSchema.nullable(),
  }),
  syncState: z.enum(listingSyncStates),
  lastError: text().nullable(),
  lastErrorCode: text().nullable(),
  lastSyncedAt: z.date().nullable(),
  channelState: listingSnapshotSchema.nullable(),
  channelPrice: z.number().nullable(),
  channelCurrency: text(),
  priceHold: text().nullable(),
  channelStock: z.number().nullable(),
});

export const connectionIdField = z.uuid("Must be a valid connection id");
export const listingIdField = z.uuid("Must be a valid listing id");
