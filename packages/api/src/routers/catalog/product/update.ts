import { updateProductSchema } from "@syncstore/domain";
import { scopeOf } from "../../../core/scope";
import { permissionProcedure } from "../../../core/trpc";
import { updateProduct } from "../../../services/catalog/product";
import { productDetailSchema } from "./schemas";

export const update = permissionProcedure("catalog:write")
  .input(updateProductSchema)
  .output(productDetailSchema)
  .mutation(({ ctx, input }) => updateProduct(scopeOf(ctx), input));
