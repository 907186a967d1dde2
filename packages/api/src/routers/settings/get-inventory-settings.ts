import { inventorySettingsSchema } from "@syncstore/domain";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { getInventorySettings as get } from "../../services/settings/inventory-settings";

/** Settings → Inventory: low-stock default and auto-restock of returns. */
export const getInventorySettings = permissionProcedure("settings:read")
  .output(inventorySettingsSchema)
  .query(({ ctx }) => get(scopeOf(ctx)));
