import { z } from "zod";
import { permissionProcedure } from "../../../core/trpc";
import { getProduct } from "../../../services/catalog/product";
import { productDetailSchema } from "./schemas";

/** A product with its variants (in order), stock, images, attributes, tags and category. */
export const get = permissionProcedure("catalog:read")
  .input(z.strictObject({ id: z.uuid("Must be a valid product id") }))
  .output(productDetailSchema)
  .query(({ ctx, input }) => getProduct(ctx.em, ctx.organizationId, input.id));
