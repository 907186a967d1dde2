import { conflictFieldGroups } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { conflictAges, listConflicts as list } from "../../services/conflicts/list";
import { conflictRowSchema } from "./schemas";

/** Open conflicts with the Conflicts page's filters. */
export const listConflicts = permissionProcedure("conflict:read")
  .input(
    z.strictObject({
      connectionId: z.uuid().optional(),
      fieldGroup: z.enum(conflictFieldGroups).optional(),
      productId: z.uuid().optional(),
      age: z.enum(conflictAges).optional(),
      limit: z.number().int().min(1).max(200).default(100),
      offset: z.number().int().min(0).default(0),
    }),
  )
  .output(z.object({ rows: z.array(conflictRowSchema), total: z.number() }))
  .query(({ ctx, input }) => list(scopeOf(ctx), input));
