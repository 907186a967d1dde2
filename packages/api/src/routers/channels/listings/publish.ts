import { publishOptionsSchema, text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../../core/scope";
import { permissionProcedure } from "../../../core/trpc";
import { publishProduct } from "../../../services/listings/import-publish";
import { connectionIdField } from "./schemas";

/** Publishes a product to a shop that lacks it: validated for that platform, then created by a job. */
export const publish = permissionProcedure("channel:write")
  .input(
    publishOptionsSchema.extend({ productId: z.uuid("Must be a valid product id"), connectionId: connectionIdField }),
  )
  .output(z.object({ listingIds: z.array(text()) }))
  .mutation(({ ctx, input }) => {
    const { productId, connectionId, ...options } = input;
    return publishProduct(scopeOf(ctx), { productId, connectionId, options });
  });
