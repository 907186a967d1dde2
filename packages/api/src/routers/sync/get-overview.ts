import { z } from "zod";
import { permissionProcedure } from "../../core/trpc";
import { syncOverview } from "../../services/sync/overview";
import { attemptSchema, channelCountsSchema } from "./schemas";

/** Live counts per shop, pushes per minute over the last hour, and the latest attempts. */
export const getOverview = permissionProcedure("sync:read")
  .output(
    z.object({
      channels: z.array(channelCountsSchema),
      throughput: z.array(z.object({ minute: z.date(), succeeded: z.number(), failed: z.number() })),
      recent: z.array(attemptSchema),
    }),
  )
  .query(({ ctx }) => syncOverview(ctx.em));
