import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { listUnmatchedLines as list } from "../../services/orders/lines";
import { unmatchedLineSchema } from "./schemas";

/** Order lines whose marketplace item matches no master variant, oldest order first. */
export const listUnmatchedLines = permissionProcedure("order:read")
  .input(
    z.strictObject({
      connectionId: z.uuid("Must be a valid shop id").optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
  )
  .output(z.array(unmatchedLineSchema))
  .query(({ ctx, input }) => list(scopeOf(ctx), input));
