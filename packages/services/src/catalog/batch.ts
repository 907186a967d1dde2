import type { AlertRaisedPayload, BulkOperationStatusValue, BulkProgressPayload } from "@syncstore/realtime/events";
import { z } from "zod";

/**
 * Shapes shared by the bulk engine (`engine.ts`), the CSV import (`import.ts`) and its scan
 * (`import-scan.ts`), so none of them imports another for a type.
 */

export interface BulkBatchResult {
  /** After this batch: "running" when more batches remain. */
  status: BulkOperationStatusValue;
  progress: BulkProgressPayload;
  /** Variants whose displayed row changed (edited variants, every variant of an edited product). */
  changedVariantIds: string[];
  actorId: string | null;
  organizationId: string;
  /** Rows this batch processed (0 when the operation was already finished or cancelled). */
  processed: number;
  /** Listings this batch linked (the Unmatched screen's bulk actions), announced as `listings.changed`. */
  listingsChanged?: { connectionId: string; listingIds: string[]; variantIds: string[] } | undefined;
  /** Low-stock alerts the batch's stock changes raised (announced after the commit). */
  alerts: AlertRaisedPayload[];
}

/** One validated row of the file, with its category path resolved to an id. */
export const importApplyRecordSchema = z.object({
  row: z.number().int(),
  sku: z.string(),
  product: z.object({
    title: z.string().optional(),
    brand: z.string().nullable().optional(),
    status: z.enum(["draft", "active", "archived"]).optional(),
    categoryId: z.uuid().nullable().optional(),
    tags: z.array(z.string()).optional(),
  }),
  variant: z.object({
    price: z.number().int().optional(),
    compareAtPrice: z.number().int().nullable().optional(),
    cost: z.number().int().nullable().optional(),
    barcode: z.string().nullable().optional(),
    weightGrams: z.number().int().nullable().optional(),
    stockOnHand: z.number().int().optional(),
    expectedStockOnHand: z.number().int().optional(),
    options: z.record(z.string(), z.string()).optional(),
  }),
});
export type ImportApplyRecord = z.infer<typeof importApplyRecordSchema>;
