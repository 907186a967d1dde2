import { bulkActionSchema, productStatusValues, text, searchText } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure, router } from "../../core/trpc";
import { applyBulk, cancelBulk, getBulk, listBulk, MAX_BULK_ROWS, previewBulk } from "../../services/catalog/bulk";
import { filterSchema } from "./schemas";

export const bulkSelectionSchema = z.discriminatedUnion("mode", [
  z.strictObject({
    mode: z.literal("ids"),
    variantIds: z
      .array(z.uuid("Must be a valid variant id"))
      .min(1, "No rows are selected")
      .max(MAX_BULK_ROWS, `Select at most ${MAX_BULK_ROWS} rows`),
  }),
  z.strictObject({
    mode: z.literal("query"),
    filter: filterSchema.optional(),
    search: searchText().max(200).optional(),
  }),
]);

export const bulkInput = z.strictObject({ selection: bulkSelectionSchema, action: bulkActionSchema });

const statusSchema = z.enum(["queued", "running", "succeeded", "failed", "cancelled"]);
const valuesSchema = z.object({
  price: z.number(),
  compareAtPrice: z.number().nullable(),
  categoryId: text().nullable(),
  status: z.enum(productStatusValues),
  tags: z.array(text()),
  stockOnHand: z.number(),
});

export const bulkOperationSchema = z.object({
  id: text(),
  kind: text(),
  action: bulkActionSchema.nullable(),
  selectionMode: z.enum(["ids", "query", "import"]),
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  status: statusSchema,
  actorName: text().nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});

const preview = permissionProcedure("catalog:write")
  .input(bulkInput)
  .output(
    z.object({
      count: z.number(),
      currency: text(),
      sample: z.array(
        z.object({
          variantId: text(),
          productTitle: text(),
          sku: text(),
          before: valuesSchema,
          after: valuesSchema.nullable(),
          error: text().nullable(),
        }),
      ),
    }),
  )
  .query(({ ctx, input }) => previewBulk(scopeOf(ctx), input.selection, input.action));

/** `apply` is a reserved name in tRPC routers (the client proxy uses call/apply), hence `start`. */
const start = permissionProcedure("bulk:write")
  .input(bulkInput)
  .output(bulkOperationSchema)
  .mutation(({ ctx, input }) => applyBulk(scopeOf(ctx), input.selection, input.action));

const get = permissionProcedure("bulk:read")
  .input(z.strictObject({ id: z.uuid() }))
  .output(
    bulkOperationSchema.extend({
      failures: z.array(
        z.object({
          variantId: text().nullable(),
          sku: text().nullable(),
          productTitle: text().nullable(),
          reason: text(),
        }),
      ),
    }),
  )
  .query(({ ctx, input }) => getBulk(scopeOf(ctx), input.id));

const list = permissionProcedure("bulk:read")
  .input(
    z.strictObject({ active: z.boolean().optional(), limit: z.number().int().min(1).max(100).optional() }).default({}),
  )
  .output(z.array(bulkOperationSchema))
  .query(({ ctx, input }) => listBulk(scopeOf(ctx), input));

const cancel = permissionProcedure("bulk:write")
  .input(z.strictObject({ id: z.uuid() }))
  .output(bulkOperationSchema)
  .mutation(({ ctx, input }) => cancelBulk(scopeOf(ctx), input.id));

export const bulkRouter = router({ preview, start, get, list, cancel });
