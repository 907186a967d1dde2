import { searchText } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../../core/scope";
import { permissionProcedure } from "../../../core/trpc";
import { listUnmatched as list } from "../../../services/listings/linking";
import { connectionIdField, listingDtoSchema } from "./schemas";

/** Imported listings of a shop not linked to a master variant, with search. */
export const listUnmatched = permissionProcedure("channel:read")
  .input(
    z.strictObject({
      connectionId: connectionIdField,
      search: searchText().max(200, "Search must be at most 200 characters").optional(),
      offset: z.number().int().min(0).default(0),
    }),
  )
  .output(z.object({ rows: z.array(listingDtoSchema), total: z.number() }))
  .query(({ ctx, input }) => list(scopeOf(ctx), input));
