import { deleteOrganizationSchema } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { deleteOrganization as remove } from "../../services/settings/organization-settings";

export const deleteOrganization = permissionProcedure("organization:delete")
  .input(deleteOrganizationSchema)
  .output(z.void())
  .mutation(({ ctx, input }) => remove(scopeOf(ctx), input.confirmation));
