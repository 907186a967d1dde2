import { router } from "../../core/trpc";
import { getOverview } from "./get-overview";
import { getProductStatus } from "./get-product-status";
import { getRun } from "./get-run";
import { listHistory } from "./list-history";
import { listRuns } from "./list-runs";
import { pauseChannel } from "./pause-channel";
import { resumeChannel } from "./resume-channel";
import { retryFailed } from "./retry-failed";
import { retryListing } from "./retry-listing";
import { startRun } from "./start-run";

export const syncRouter = router({
  overview: getOverview,
  history: listHistory,
  productStatus: getProductStatus,
  retry: retryListing,
  retryFailed,
  pause: pauseChannel,
  resume: resumeChannel,
  start: startRun,
  runs: router({ get: getRun, list: listRuns }),
});
