import { router } from "../../core/trpc";
import { estimateReport } from "./estimate-report";
import { listReports } from "./list-reports";
import { listRuns } from "./list-runs";
import { createSchedule, deleteSchedule, listSchedules } from "./schedules";
import { startRun } from "./start-run";

export const reportsRouter = router({
  list: listReports,
  estimate: estimateReport,
  start: startRun,
  runs: listRuns,
  schedules: router({ list: listSchedules, create: createSchedule, delete: deleteSchedule }),
});
