import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { retryListing as retry } from "../../services/sync/control";

/** Pushes one listing again at high priority (audited). */
export const retryListing = permissionProcedure("sync:write")
  .input(z.strictObject({ listingId: z.uuid("Must be a valid listing id") }))
  .output(z.object({ marked: z.number() }))
  .mutation(({ ctx, input }) => retry(scopeOf(ctx), input.listingId));
