import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { disconnectConnection } from "../../services/channels/connections";

/** Deletes the connection's tokens and marks it disconnected (audited). */
export const disconnect = permissionProcedure("channel:write")
  .input(z.strictObject({ connectionId: z.uuid("Must be a valid connection id") }))
  .output(z.object({ id: text() }))
  .mutation(({ ctx, input }) => disconnectConnection(scopeOf(ctx), input.connectionId));
