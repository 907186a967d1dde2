import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { deleteView as remove } from "../../services/catalog/preferences";

export const deleteView = permissionProcedure("catalog:read")
  .input(z.strictObject({ id: z.uuid("Must be a valid view id") }))
  .output(z.object({ ok: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await remove(scopeOf(ctx), input.id);
    return { ok: true as const };
  });
