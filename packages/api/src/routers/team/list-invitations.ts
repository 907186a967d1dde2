import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { listInvitations as list } from "../../services/team";
import { roleSchema } from "../schemas";

export const listInvitations = permissionProcedure("member:read")
  .output(
    z.array(
      z.object({
        id: text(),
        email: text(),
        role: roleSchema,
        status: text(),
        expiresAt: z.date(),
        inviterName: text().nullable(),
        link: text(),
      }),
    ),
  )
  .query(({ ctx }) => list(scopeOf(ctx)));
