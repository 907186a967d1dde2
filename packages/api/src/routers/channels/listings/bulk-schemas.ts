import { searchText, text } from "@syncstore/domain";
import { z } from "zod";
import { LISTING_BULK_MAX } from "../../../services/listings/bulk";
import { connectionIdField, listingIdField } from "./schemas";

/** The unmatched listings a bulk action takes: the ticked rows, or every row the search matches. */
export const listingSelectionSchema = z.discriminatedUnion("mode", [
  z.strictObject({
    mode: z.literal("ids"),
    listingIds: z
      .array(listingIdField)
      .min(1, "No listings are selected")
      .max(LISTING_BULK_MAX, `Select at most ${LISTING_BULK_MAX} listings`),
  }),
  z.strictObject({
    mode: z.literal("query"),
    search: searchText().max(200, "Search must be at most 200 characters").optional(),
  }),
]);

export const bulkPreviewInput = z.strictObject({ connectionId: connectionIdField, selection: listingSelectionSchema });

const statusSchema = z.enum(["queued", "running", "succeeded", "failed", "cancelled"]);

export const listingBulkOperationSchema = z.object({
  operationId: text(),
  kind: z.enum(["link", "create"]),
  connectionId: text(),
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  status: statusSchema,
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  results: z.array(
    z.object({
      listingId: text(),
      outcome: z.enum(["linked", "created", "skipped"]),
      reason: text().nullable(),
      externalSku: text().nullable(),
      variantId: text().nullable(),
      sku: text().nullable(),
      productId: text().nullable(),
    }),
  ),
});
