import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { previewCount as preview } from "../../services/inventory/count";

/** Counted vs system vs difference per row of a stock count CSV (SKU, counted), with row errors. Writes nothing. */
export const previewCount = permissionProcedure("inventory:write")
  .input(z.object({ csv: text().min(1, "The file is empty").max(2_000_000, "The file is larger than 2 MB") }))
  .output(
    z.object({
      rows: z.array(
        z.object({
          row: z.number().int(),
          sku: text(),
          variantId: text().nullable(),
          productTitle: text().nullable(),
          counted: z.number().int().nullable(),
          system: z.number().int().nullable(),
          difference: z.number().int().nullable(),
          held: z.number().int().nullable(),
          error: text().nullable(),
        }),
      ),
      summary: z.object({
        rows: z.number().int(),
        valid: z.number().int(),
        errors: z.number().int(),
        changes: z.number().int(),
        unitsDifference: z.number().int(),
      }),
    }),
  )
  .mutation(({ ctx, input }) => preview(scopeOf(ctx), input.csv));
