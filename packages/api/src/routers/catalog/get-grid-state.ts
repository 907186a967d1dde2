import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { getGridState as get } from "../../services/catalog/preferences";
import { gridStateSchema } from "./schemas";

export const getGridState = permissionProcedure("catalog:read")
  .output(gridStateSchema.nullable())
  .query(async ({ ctx }) => {
    // A layout saved by an older version of the grid that no longer parses is dropped, not an error.
    const parsed = gridStateSchema.safeParse(await get(scopeOf(ctx)));
    return parsed.success ? parsed.data : null;
  });
