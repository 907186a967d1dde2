import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { countOpenConflicts } from "../../services/conflicts/list";

/** How many conflicts are open (the sidebar badge). */
export const countOpen = permissionProcedure("conflict:read")
  .output(z.object({ open: z.number() }))
  .query(async ({ ctx }) => ({ open: await countOpenConflicts(scopeOf(ctx)) }));
