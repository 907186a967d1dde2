import { orderPhases, searchText, text } from "@syncstore/domain";
import { z } from "zod";

export const orderPlatformSchema = z.enum(["shopee", "tiktok"]);
export const orderPhaseSchema = z.enum(orderPhases);

/** The Orders page's filters (the list and the CSV export take the same). */
function filterFields<D extends z.ZodType<Date>>(dateSchema: D) {
  return {
    connectionId: z.uuid("Must be a valid shop id").optional(),
    phase: orderPhaseSchema.optional(),
    from: dateSchema.optional(),
    to: dateSchema.optional(),
    sku: searchText().trim().min(1).max(100).optional(),
    search: searchText().trim().min(1).max(100).optional(),
    oversold: z.boolean().optional(),
    unmatched: z.boolean().optional(),
  };
}

const datesInOrder = {
  check: (q: { from?: Date | undefined; to?: Date | undefined }) => !q.from || !q.to || q.from < q.to,
  message: { message: "The start date must be before the end date", path: ["to"] },
};

// Not strict: infinite queries add their own keys (`direction`) beside `cursor`.
export const listOrdersInput = z
  .object({
    ...filterFields(z.date()),
    cursor: text().max(200).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .refine(datesInOrder.check, datesInOrder.message);

/** The export route's `?filter=` JSON: dates arrive as ISO text. */
export const exportOrdersRequestSchema = z
  .strictObject(filterFields(z.coerce.date()))
  .refine(datesInOrder.check, datesInOrder.message);
export type ExportOrdersRequest = z.infer<typeof exportOrdersRequestSchema>;

export const orderItemSchema = z.object({
  id: text(),
  externalOrderId: text(),
  platform: orderPlatformSchema,
  connection: z.object({ id: text(), name: text() }),
  platformStatus: text().nullable(),
  phase: orderPhaseSchema,
  currency: text().nullable(),
  total: z.number().nullable(),
  placedAt: z.date().nullable(),
  paidAt: z.date().nullable(),
  cancelledBy: text().nullable(),
  cancelReason: text().nullable(),
  lineCount: z.number().int(),
  units: z.number().int(),
  oversoldUnits: z.number().int(),
  unmatchedLines: z.number().int(),
  skus: z.array(text()),
});

export const orderDetailSchema = orderItemSchema.extend({
  fulfilledByPlatform: z.boolean(),
  trackingNumber: text().nullable(),
  lines: z.array(
    z.object({
      id: text(),
      externalProductId: text().nullable(),
      externalVariantId: text().nullable(),
      sku: text().nullable(),
      quantity: z.number().int(),
      unitPrice: z.number().nullable(),
      effect: z.enum(["none", "committed", "shipped", "released", "restocked"]),
      committedQuantity: z.number().int(),
      oversoldQuantity: z.number().int(),
      restockedQuantity: z.number().int(),
      variant: z
        .object({
          id: text(),
          productId: text(),
          sku: text(),
          productTitle: text(),
          options: z.record(text(), text()),
        })
        .nullable(),
      listingId: text().nullable(),
    }),
  ),
  movements: z.array(
    z.object({
      id: text(),
      at: z.date(),
      lineId: text().nullable(),
      variantSku: text().nullable(),
      bucket: text(),
      delta: z.number().int(),
      before: z.number().int(),
      after: z.number().int(),
      reason: text(),
      webhookEventId: text().nullable(),
      actorName: text().nullable(),
    }),
  ),
  webhookEvents: z.array(
    z.object({
      id: text(),
      eventType: text(),
      eventKey: text(),
      status: text(),
      receivedAt: z.date(),
      processedAt: z.date().nullable(),
      duplicates: z.number().int(),
      summary: text().nullable(),
    }),
  ),
  statusHistory: z.array(
    z.object({ status: text(), platformStatus: text().nullable(), at: z.date().nullable(), source: text().nullable() }),
  ),
  returnPending: z.boolean(),
});

export const unmatchedLineSchema = z.object({
  id: text(),
  orderId: text(),
  externalOrderId: text(),
  platform: orderPlatformSchema,
  connection: z.object({ id: text(), name: text() }),
  externalProductId: text().nullable(),
  externalVariantId: text().nullable(),
  sku: text().nullable(),
  quantity: z.number().int(),
  placedAt: z.date().nullable(),
});
