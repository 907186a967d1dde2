import { z } from "zod";
import { permissionProcedure } from "../../core/trpc";
import { catalogFacets } from "../../services/catalog/list";

export const getFacets = permissionProcedure("catalog:read")
  .output(
    z.object({
      brands: z.array(z.string()),
      categories: z.array(z.object({ id: z.string(), name: z.string(), path: z.string() })),
      tags: z.array(z.string()),
      currency: z.string(),
    }),
  )
  .query(({ ctx }) => catalogFacets(ctx.em));
