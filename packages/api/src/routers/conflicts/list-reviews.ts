import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { listReviews as list } from "../../services/conflicts/list";

/** Listings whose edit waits for, or was refused by, the marketplace's content review. */
export const listReviews = permissionProcedure("conflict:read")
  .output(
    z.array(
      z.object({
        listingId: z.string(),
        status: z.enum(["pending", "rejected"]),
        reasons: z.array(z.string()),
        seenAt: z.string(),
        productId: z.string().nullable(),
        productTitle: z.string().nullable(),
        connectionName: z.string(),
      }),
    ),
  )
  .query(({ ctx }) => list(scopeOf(ctx)));
