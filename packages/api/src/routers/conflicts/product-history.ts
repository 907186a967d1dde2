import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { productConflictHistory } from "../../services/conflicts/list";
import { conflictRowSchema } from "./schemas";

/** Resolved and moot conflicts of a product (its page's history). */
export const productHistory = permissionProcedure("conflict:read")
  .input(z.strictObject({ productId: z.uuid() }))
  .output(z.array(conflictRowSchema))
  .query(({ ctx, input }) => productConflictHistory(scopeOf(ctx), input.productId));
