import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { removeMember as remove } from "../../services/team";

export const removeMember = permissionProcedure("member:delete")
  .input(z.object({ memberId: text().min(1) }))
  .output(z.void())
  .mutation(({ ctx, input }) => remove(scopeOf(ctx), input.memberId));
