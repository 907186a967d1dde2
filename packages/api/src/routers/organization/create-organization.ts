import { organizationNameSchema, text } from "@syncstore/domain";
import { z } from "zod";
import { requestOf } from "../../core/scope";
import { authenticatedProcedure } from "../../core/trpc";
import { createOrganization as create } from "../../services/organization";

export const createOrganization = authenticatedProcedure
  .input(z.object({ name: organizationNameSchema }))
  .output(z.object({ id: text(), slug: text() }))
  .mutation(({ ctx, input }) => create(ctx.deps, ctx.user, ctx.session.session.id, requestOf(ctx), input.name));
