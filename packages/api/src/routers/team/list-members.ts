import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { listMembers as list } from "../../services/team";
import { roleSchema } from "../schemas";

export const listMembers = permissionProcedure("member:read")
  .output(
    z.array(
      z.object({
        id: z.string(),
        userId: z.string(),
        name: z.string(),
        email: z.string(),
        role: roleSchema,
        createdAt: z.date(),
      }),
    ),
  )
  .query(({ ctx }) => list(scopeOf(ctx)));
