import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { startConnect as start } from "../../services/channels/connections";
import { platformSchema } from "./schemas";

/** The marketplace authorization URL (with a signed, expiring state) the browser goes to. */
export const startConnect = permissionProcedure("channel:write")
  .input(z.strictObject({ platform: platformSchema }))
  .output(z.object({ url: text() }))
  .mutation(({ ctx, input }) => start(scopeOf(ctx), input.platform));
