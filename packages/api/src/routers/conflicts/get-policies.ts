import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { getPolicies as get } from "../../services/conflicts/policies";
import { policiesSchema } from "./schemas";

const settingsSchema = z.object({
  organization: policiesSchema,
  shops: z.array(
    z.object({ connectionId: z.string(), name: z.string(), platform: z.string(), policies: policiesSchema }),
  ),
});

export { settingsSchema as policySettingsSchema };

/** Settings → Conflicts: the organization's policy per field group and each shop's overrides. */
export const getPolicies = permissionProcedure("conflict:read")
  .output(settingsSchema)
  .query(({ ctx }) => get(scopeOf(ctx)));
