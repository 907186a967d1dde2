import { router } from "../../core/trpc";
import { acknowledgeAlert } from "./acknowledge-alert";
import { getEvent } from "./get-event";
import { getStats } from "./get-stats";
import { listAlerts } from "./list-alerts";
import { listEvents } from "./list-events";
import { reconcileNow } from "./reconcile-now";
import { replayEvents } from "./replay-events";
import { resolveAlert } from "./resolve-alert";

export const webhooksRouter = router({
  list: listEvents,
  get: getEvent,
  replay: replayEvents,
  stats: getStats,
  reconcileNow,
  alerts: router({ list: listAlerts, acknowledge: acknowledgeAlert, resolve: resolveAlert }),
});
