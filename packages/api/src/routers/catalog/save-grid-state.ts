import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { saveGridState as save } from "../../services/catalog/preferences";
import { gridStateSchema } from "./schemas";

/** catalog:read: a personal layout is not a change to the catalog. */
export const saveGridState = permissionProcedure("catalog:read")
  .input(gridStateSchema)
  .output(z.object({ ok: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await save(scopeOf(ctx), input);
    return { ok: true as const };
  });
