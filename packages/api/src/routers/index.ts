import { router } from "../core/trpc";
import { alertsRouter } from "./alerts";
import { analyticsRouter } from "./analytics";
import { auditRouter } from "./audit";
import { reportsRouter } from "./reports";
import { catalogRouter } from "./catalog";
import { channelsRouter } from "./channels";
import { conflictsRouter } from "./conflicts";
import { homeRouter } from "./home";
import { inventoryRouter } from "./inventory";
import { meRouter } from "./me";
import { ordersRouter } from "./orders";
import { organizationRouter } from "./organization";
import { profileRouter } from "./profile";
import { settingsRouter } from "./settings";
import { syncRouter } from "./sync";
import { teamRouter } from "./team";
import { webhooksRouter } from "./webhooks";

export const appRouter = router({
  me: meRouter,
  orders: ordersRouter,
  organization: organizationRouter,
  team: teamRouter,
  audit: auditRouter,
  home: homeRouter,
  catalog: catalogRouter,
  channels: channelsRouter,
  sync: syncRouter,
  settings: settingsRouter,
  profile: profileRouter,
  conflicts: conflictsRouter,
  webhooks: webhooksRouter,
  analytics: analyticsRouter,
  reports: reportsRouter,
  inventory: inventoryRouter,
  alerts: alertsRouter,
});

export type AppRouter = typeof appRouter;
