import { transferOwnershipSchema } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { transferOwnership as transfer } from "../../services/settings/organization-settings";

export const transferOwnership = permissionProcedure("organization:transfer")
  .input(transferOwnershipSchema)
  .output(z.void())
  .mutation(({ ctx, input }) => transfer(scopeOf(ctx), input.memberId));
