import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { availableReports } from "../../services/reports";

/** The predefined reports this member's role may run. */
export const listReports = permissionProcedure("report:read")
  .output(z.array(z.object({ id: text(), title: text(), description: text(), dated: z.boolean(), shops: z.boolean() })))
  .query(({ ctx }) => availableReports(scopeOf(ctx)));
