import { z } from "zod";
import { publicProcedure } from "../../core/trpc";
import { getInvitation as get } from "../../services/team";
import { idSchema, roleSchema } from "../schemas";

export const getInvitation = publicProcedure
  .input(z.object({ invitationId: idSchema }))
  .output(
    z.object({
      id: z.string(),
      email: z.string(),
      role: roleSchema,
      organizationName: z.string(),
      inviterName: z.string().nullable(),
      status: z.string(),
      expired: z.boolean(),
    }),
  )
  .query(({ ctx, input }) => get(ctx.deps.orm.em.fork(), input.invitationId));
