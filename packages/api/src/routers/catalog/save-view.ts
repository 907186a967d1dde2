import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { saveView as save } from "../../services/catalog/preferences";
import { gridStateSchema } from "./schemas";

export const saveViewInput = z.strictObject({
  id: z.uuid("Must be a valid view id").optional(),
  name: text().trim().min(1, "Name the view").max(80, "At most 80 characters"),
  state: gridStateSchema,
});

/** Views are personal; saving one needs only read access to the catalog. */
export const saveView = permissionProcedure("catalog:read")
  .input(saveViewInput)
  .output(z.object({ id: text() }))
  .mutation(({ ctx, input }) => save(scopeOf(ctx), input));
