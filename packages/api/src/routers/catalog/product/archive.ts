import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../../core/scope";
import { permissionProcedure } from "../../../core/trpc";
import { archiveProduct } from "../../../services/catalog/product";

export const archive = permissionProcedure("catalog:write")
  .input(z.strictObject({ id: z.uuid(), productVersion: z.number().int().min(1) }))
  .output(z.object({ id: text(), version: z.number() }))
  .mutation(({ ctx, input }) => archiveProduct(scopeOf(ctx), input));
