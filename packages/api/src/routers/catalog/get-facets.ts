import { text } from "@syncstore/domain";
import { z } from "zod";
import { permissionProcedure } from "../../core/trpc";
import { catalogFacets } from "../../services/catalog/list";

export const getFacets = permissionProcedure("catalog:read")
  .output(
    z.object({
      brands: z.array(text()),
      categories: z.array(z.object({ id: text(), name: text(), path: text() })),
      tags: z.array(text()),
      currency: text(),
    }),
  )
  .query(({ ctx }) => catalogFacets(ctx.em));
