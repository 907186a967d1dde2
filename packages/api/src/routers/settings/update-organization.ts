import { organizationGeneralSchema } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { updateOrganizationGeneral } from "../../services/settings/organization-settings";

export const updateOrganization = permissionProcedure("organization:update")
  .input(organizationGeneralSchema)
  .output(z.void())
  .mutation(({ ctx, input }) => updateOrganizationGeneral(scopeOf(ctx), input));
