import { text } from "@syncstore/domain";
import { z } from "zod";
import { publicProcedure } from "../../core/trpc";
import { getInvitation as get } from "../../services/team";
import { idSchema, roleSchema } from "../schemas";

export const getInvitation = publicProcedure
  .input(z.object({ invitationId: idSchema }))
  .output(
    z.object({
      id: text(),
      email: text(),
      role: roleSchema,
      organizationName: text(),
      inviterName: text().nullable(),
      status: text(),
      expired: z.boolean(),
    }),
  )
  .query(({ ctx, input }) => get(ctx.deps.orm.em.fork(), input.invitationId));
