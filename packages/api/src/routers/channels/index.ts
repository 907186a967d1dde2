import { router } from "../../core/trpc";
import { checkHealth } from "./check-health";
import { disconnect } from "./disconnect";
import { listConnections } from "./list-connections";
import { listingsRouter } from "./listings";
import { startConnect } from "./start-connect";

export const channelsRouter = router({
  list: listConnections,
  startConnect,
  checkHealth,
  disconnect,
  listings: listingsRouter,
});
