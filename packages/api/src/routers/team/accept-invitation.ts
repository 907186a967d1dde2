import { text } from "@syncstore/domain";
import { z } from "zod";
import { requestOf } from "../../core/scope";
import { authenticatedProcedure } from "../../core/trpc";
import { acceptInvitation as accept } from "../../services/team";
import { idSchema } from "../schemas";

export const acceptInvitation = authenticatedProcedure
  .input(z.object({ invitationId: idSchema }))
  .output(z.object({ organizationId: text() }))
  .mutation(({ ctx, input }) => accept(ctx.deps, ctx.user, ctx.session.session.id, requestOf(ctx), input.invitationId));
