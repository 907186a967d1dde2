import { text } from "@syncstore/domain";
import { z } from "zod";
import { authenticatedProcedure } from "../../core/trpc";
import { setActiveOrganization as setActive } from "../../services/organization";

export const setActiveOrganization = authenticatedProcedure
  .input(z.object({ organizationId: text().min(1) }))
  .output(z.object({ organizationId: text() }))
  .mutation(async ({ ctx, input }) => {
    await setActive(ctx.deps, ctx.user.id, ctx.session.session.id, input.organizationId);
    return { organizationId: input.organizationId };
  });
