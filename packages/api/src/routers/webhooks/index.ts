import { router } from "../../core/trpc";
import { getEvent } from "./get-event";
import { getStats } from "./get-stats";
import { listEvents } from "./list-events";
import { reconcileNow } from "./reconcile-now";
import { replayEvents } from "./replay-events";

export const webhooksRouter = router({
  list: listEvents,
  get: getEvent,
  replay: replayEvents,
  stats: getStats,
  reconcileNow,
});
