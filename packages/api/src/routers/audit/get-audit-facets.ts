import { z } from "zod";
import { permissionProcedure } from "../../core/trpc";
import { auditFacets } from "../../services/audit";

export const getAuditFacets = permissionProcedure("audit:read")
  .output(
    z.object({
      actions: z.array(z.string()),
      entities: z.array(z.string()),
      actors: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  )
  .query(({ ctx }) => auditFacets(ctx.em));
