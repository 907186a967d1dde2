import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { listViews as list } from "../../services/catalog/preferences";
import { gridStateSchema } from "./schemas";

export const savedViewSchema = z.object({
  id: text(),
  name: text(),
  state: gridStateSchema,
  updatedAt: z.date(),
});

export const listViews = permissionProcedure("catalog:read")
  .output(z.array(savedViewSchema))
  .query(async ({ ctx }) =>
    (await list(scopeOf(ctx))).flatMap((view) => {
      const state = gridStateSchema.safeParse(view.state);
      return state.success ? [{ ...view, state: state.data }] : [];
    }),
  );
