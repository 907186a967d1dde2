import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { changeRole as change } from "../../services/team";
import { roleSchema } from "../schemas";

export const changeRole = permissionProcedure("member:update")
  .input(z.object({ memberId: text().min(1), role: roleSchema }))
  .output(z.void())
  .mutation(({ ctx, input }) => change(scopeOf(ctx), input));
