import { text } from "@syncstore/domain";
import { z } from "zod";
import { permissionProcedure } from "../../core/trpc";
import { auditFacets } from "../../services/audit";

export const getAuditFacets = permissionProcedure("audit:read")
  .output(
    z.object({
      actions: z.array(text()),
      entities: z.array(text()),
      actors: z.array(z.object({ id: text(), name: text() })),
    }),
  )
  .query(({ ctx }) => auditFacets(ctx.em));
