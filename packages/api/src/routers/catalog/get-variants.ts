import { z } from "zod";
import { permissionProcedure } from "../../core/trpc";
import { fetchVariantRows } from "../../services/catalog/rows";
import { variantRowSchema } from "./schemas";

/** Current rows by id (live updates after someone else saved); ids of other tenants yield nothing. */
export const getVariants = permissionProcedure("catalog:read")
  .input(z.strictObject({ ids: z.array(z.uuid()).min(1).max(500) }))
  .output(z.object({ rows: z.array(variantRowSchema) }))
  .query(async ({ ctx, input }) => ({ rows: await fetchVariantRows(ctx.em, ctx.organizationId, input.ids) }));
