import { inventorySettingsSchema } from "@syncstore/domain";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { updateInventorySettings as update } from "../../services/settings/inventory-settings";

export const updateInventorySettings = permissionProcedure("settings:write")
  .input(inventorySettingsSchema.strict())
  .output(inventorySettingsSchema)
  .mutation(({ ctx, input }) => update(scopeOf(ctx), input));
