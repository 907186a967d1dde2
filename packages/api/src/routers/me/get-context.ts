import { text } from "@syncstore/domain";
import { allPermissions } from "@syncstore/auth/permissions";
import { z } from "zod";
import { memoizedOutput } from "../../core/cache/memoized-output";
import { authenticatedProcedure } from "../../core/trpc";
import { getMeContext } from "../../services/organization";
import { roleSchema } from "../schemas";

const organizationSchema = z.object({ id: text(), name: text(), slug: text() });

export const getContext = authenticatedProcedure
  .output(
    memoizedOutput(
      z.object({
        user: z.object({ id: text(), name: text(), email: text() }),
        activeOrganization: organizationSchema.extend({ timeZone: text() }).nullable(),
        role: roleSchema.nullable(),
        permissions: z.array(z.enum(allPermissions as [string, ...string[]])),
        organizations: z.array(organizationSchema.extend({ role: roleSchema })),
      }),
    ),
  )
  .query(({ ctx }) => {
    const activeOrganizationId = (ctx.session.session.activeOrganizationId as string | null | undefined) ?? null;
    const load = () => getMeContext(ctx.deps, ctx.user, activeOrganizationId);
    return ctx.deps.cache
      ? ctx.deps.cache.meContext(ctx.user.id, activeOrganizationId, load, ctx.cacheBarrier)
      : load();
  });
