import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { availableReports } from "../../services/reports";

/** The predefined reports this member's role may run. */
export const listReports = permissionProcedure("report:read")
  .output(
    z.array(
      z.object({ id: z.string(), title: z.string(), description: z.string(), dated: z.boolean(), shops: z.boolean() }),
    ),
  )
  .query(({ ctx }) => availableReports(scopeOf(ctx)));
