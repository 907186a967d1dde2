import { text } from "@syncstore/domain";
import { z } from "zod";
import { permissionProcedure } from "../../core/trpc";
import { homeAnalytics } from "../../services/analytics/home";

/** Home: sales today and over 7 days by shop, listings per shop, open stock alerts and conflicts. */
export const getHome = permissionProcedure("report:read")
  .output(
    z.object({
      currency: text(),
      salesByShop: z.array(
        z.object({
          id: text(),
          name: text(),
          platform: text(),
          todayRevenue: z.number(),
          todayOrders: z.number(),
          weekRevenue: z.number(),
          weekOrders: z.number(),
        }),
      ),
      listings: z.array(
        z.object({ id: text(), name: text(), platform: text(), listings: z.number(), linked: z.number() }),
      ),
      openStockAlerts: z.number(),
      openConflicts: z.number(),
      unconverted: z.array(text()),
    }),
  )
  .query(({ ctx }) => homeAnalytics(ctx.em));
