import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { leaveOrganization as leave } from "../../services/team";

export const leaveOrganization = permissionProcedure("member:read")
  .input(z.strictObject({}).optional())
  .output(z.void())
  .mutation(({ ctx }) => leave(scopeOf(ctx)));
