import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../../core/scope";
import { permissionProcedure } from "../../../core/trpc";
import { previewBulkLink as preview } from "../../../services/listings/bulk";
import { bulkPreviewInput } from "./bulk-schemas";

/** "Link by SKU suggestions", before: each selected listing → its suggested master variant, or why none. */
export const previewBulkLink = permissionProcedure("channel:write")
  .input(bulkPreviewInput)
  .output(
    z.object({
      rows: z.array(
        z.object({
          listingId: text(),
          externalSku: text().nullable(),
          externalTitle: text().nullable(),
          variantId: text().nullable(),
          sku: text().nullable(),
          productTitle: text().nullable(),
          reason: text().nullable(),
        }),
      ),
      linkable: z.number(),
      skipped: z.number(),
    }),
  )
  .query(({ ctx, input }) => preview(scopeOf(ctx), input));
