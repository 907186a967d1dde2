import { createProductSchema } from "@syncstore/domain";
import { scopeOf } from "../../../core/scope";
import { permissionProcedure } from "../../../core/trpc";
import { createProduct } from "../../../services/catalog/product";
import { productDetailSchema } from "./schemas";

export const create = permissionProcedure("catalog:write")
  .input(createProductSchema)
  .output(productDetailSchema)
  .mutation(({ ctx, input }) => createProduct(scopeOf(ctx), input));
