import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../../core/scope";
import { permissionProcedure } from "../../../core/trpc";
import { previewBulkCreate as preview } from "../../../services/listings/bulk";
import { bulkPreviewInput } from "./bulk-schemas";

/** "Create products", before: the products and variants the selection makes (prices in both currencies), and what is left out. */
export const previewBulkCreate = permissionProcedure("catalog:write")
  .input(bulkPreviewInput)
  .output(
    z.object({
      groups: z.array(
        z.object({
          externalProductId: text(),
          title: text(),
          variants: z.array(
            z.object({
              listingId: text(),
              sku: text().nullable(),
              options: z.record(text(), text()),
              shopPrice: z.number().nullable(),
              shopCurrency: text(),
              masterPrice: z.number().nullable(),
              masterCurrency: text(),
              stock: z.number(),
              reason: text().nullable(),
            }),
          ),
        }),
      ),
      products: z.number(),
      variants: z.number(),
      skipped: z.number(),
    }),
  )
  .query(({ ctx, input }) => preview(scopeOf(ctx), input));
