import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { listReviews as list } from "../../services/conflicts/list";

/** Listings whose edit waits for, or was refused by, the marketplace's content review. */
export const listReviews = permissionProcedure("conflict:read")
  .output(
    z.array(
      z.object({
        listingId: text(),
        status: z.enum(["pending", "rejected"]),
        reasons: z.array(text()),
        seenAt: text(),
        productId: text().nullable(),
        productTitle: text().nullable(),
        connectionName: text(),
      }),
    ),
  )
  .query(({ ctx }) => list(scopeOf(ctx)));
