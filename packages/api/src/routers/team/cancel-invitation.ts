import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { cancelInvitation as cancel } from "../../services/team";
import { idSchema } from "../schemas";

export const cancelInvitation = permissionProcedure("member:create")
  .input(z.object({ invitationId: idSchema }))
  .output(z.void())
  .mutation(({ ctx, input }) => cancel(scopeOf(ctx), input.invitationId));
