import { z } from "zod";
import { permissionProcedure } from "../../core/trpc";
import { homeAnalytics } from "../../services/analytics/home";

/** Home: sales today and over 7 days by shop, listings per shop, open stock alerts and conflicts. */
export const getHome = permissionProcedure("report:read")
  .output(
    z.object({
      currency: z.string(),
      salesByShop: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          platform: z.string(),
          todayRevenue: z.number(),
          todayOrders: z.number(),
          weekRevenue: z.number(),
          weekOrders: z.number(),
        }),
      ),
      listings: z.array(
        z.object({ id: z.string(), name: z.string(), platform: z.string(), listings: z.number(), linked: z.number() }),
      ),
      openStockAlerts: z.number(),
      openConflicts: z.number(),
      unconverted: z.array(z.string()),
    }),
  )
  .query(({ ctx }) => homeAnalytics(ctx.em));
