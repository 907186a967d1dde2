import { z } from "zod";
import { permissionProcedure } from "../../core/trpc";
import { listStockShops } from "../../services/inventory/list";
import { shopSchema } from "./schemas";

/** The organization's shops (per-shop columns and the shop filter of the Inventory page). */
export const listShops = permissionProcedure("inventory:read")
  .output(z.array(shopSchema))
  .query(({ ctx }) => listStockShops(ctx.em, ctx.organizationId));
