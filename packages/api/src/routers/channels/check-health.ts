import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { checkConnectionHealth } from "../../services/channels/connections";

/** Calls the shop info API now and records health, status and quota. */
export const checkHealth = permissionProcedure("channel:write")
  .input(z.strictObject({ connectionId: z.uuid("Must be a valid connection id") }))
  .mutation(({ ctx, input }) => checkConnectionHealth(scopeOf(ctx), input.connectionId));
