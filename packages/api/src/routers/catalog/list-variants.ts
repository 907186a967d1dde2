import { text, searchText } from "@syncstore/domain";
import { z } from "zod";
import { memoizedOutput } from "../../core/cache/memoized-output";
import { permissionProcedure } from "../../core/trpc";
import { listVariants as list } from "../../services/catalog/list";
import { filterSchema, sortSchema, variantRowSchema } from "./schemas";

export const MAX_BLOCK = 500;

export const listVariantsInput = z
  .strictObject({
    startRow: z.number().int().min(0),
    endRow: z.number().int().min(1),
    sort: sortSchema.optional(),
    filter: filterSchema.optional(),
    search: searchText().max(200).optional(),
  })
  .refine((q) => q.endRow > q.startRow && q.endRow - q.startRow <= MAX_BLOCK, {
    message: `endRow must be after startRow, at most ${MAX_BLOCK} rows per block`,
    path: ["endRow"],
  });

export const listVariants = permissionProcedure("catalog:read")
  .input(listVariantsInput)
  .output(
    memoizedOutput(
      z.object({
        rows: z.array(variantRowSchema),
        /** Rows matching the filters; when `totalExact` is false, "more than" this many. */
        total: z.number(),
        totalExact: z.boolean(),
        currency: text(),
      }),
    ),
  )
  // The block is the same for every role that may read the catalog, so it is kept per organization
  // and input, until a change to that organization's grid rows is notified (see ApiCache).
  .query(({ ctx, input }) =>
    ctx.deps.cache
      ? ctx.deps.cache.gridBlock(ctx.organizationId, input, () => list(ctx.em, input), ctx.cacheBarrier)
      : list(ctx.em, input),
  );
