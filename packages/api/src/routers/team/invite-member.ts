import { emailSchema, text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { inviteMember as invite } from "../../services/team";
import { roleSchema } from "../schemas";

export const inviteMemberInput = z.object({ email: emailSchema, role: roleSchema });

export const inviteMember = permissionProcedure("member:create")
  .input(inviteMemberInput)
  .output(z.object({ id: text(), link: text() }))
  .mutation(({ ctx, input }) => invite(scopeOf(ctx), input));
