import { z } from "zod";
import { scopeOf } from "../../../core/scope";
import { permissionProcedure } from "../../../core/trpc";
import { duplicateProduct } from "../../../services/catalog/product";
import { productDetailSchema } from "./schemas";

export const duplicate = permissionProcedure("catalog:write")
  .input(z.strictObject({ id: z.uuid() }))
  .output(productDetailSchema)
  .mutation(({ ctx, input }) => duplicateProduct(scopeOf(ctx), input.id));
