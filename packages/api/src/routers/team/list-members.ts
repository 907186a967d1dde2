import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { listMembers as list } from "../../services/team";
import { roleSchema } from "../schemas";

export const listMembers = permissionProcedure("member:read")
  .output(
    z.array(
      z.object({
        id: text(),
        userId: text(),
        name: text(),
        email: text(),
        role: roleSchema,
        createdAt: z.date(),
      }),
    ),
  )
  .query(({ ctx }) => list(scopeOf(ctx)));
