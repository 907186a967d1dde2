import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { countUnread as count } from "../../services/alerts/alerts";

/** The bell's number: active alerts the member has not seen since they last happened. */
export const countUnread = permissionProcedure("alert:read")
  .output(z.object({ count: z.number(), critical: z.number() }))
  .query(({ ctx }) => count(scopeOf(ctx)));
