import { conflictFieldGroups, conflictPolicies } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { setPolicies as set } from "../../services/conflicts/policies";
import { policySettingsSchema } from "./get-policies";

/** Sets the organization's or one shop's policies; null clears a setting (audited). */
export const setPolicies = permissionProcedure("settings:write")
  .input(
    z.strictObject({
      connectionId: z.uuid().nullable(),
      policies: z.partialRecord(z.enum(conflictFieldGroups), z.enum(conflictPolicies).nullable()),
    }),
  )
  .output(policySettingsSchema)
  .mutation(({ ctx, input }) => set(scopeOf(ctx), input));
