import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../../core/scope";
import { permissionProcedure } from "../../../core/trpc";
import { startImport as start } from "../../../services/listings/import-publish";
import { connectionIdField } from "./schemas";

/** Queues "Import listings" for a shop; progress arrives on the connection (channels.list). */
export const startImport = permissionProcedure("channel:write")
  .input(z.strictObject({ connectionId: connectionIdField }))
  .output(z.object({ status: text(), startedAt: text() }))
  .mutation(({ ctx, input }) => start(scopeOf(ctx), input.connectionId));
