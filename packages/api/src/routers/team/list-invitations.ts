import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { listInvitations as list } from "../../services/team";
import { roleSchema } from "../schemas";

export const listInvitations = permissionProcedure("member:read")
  .output(
    z.array(
      z.object({
        id: z.string(),
        email: z.string(),
        role: roleSchema,
        status: z.string(),
        expiresAt: z.date(),
        inviterName: z.string().nullable(),
        link: z.string(),
      }),
    ),
  )
  .query(({ ctx }) => list(scopeOf(ctx)));
