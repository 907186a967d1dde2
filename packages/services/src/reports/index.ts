export {
  reportById,
  reportDefinitions,
  reportFiltersSchema,
  reportIds,
  type ReportDefinition,
  type ReportFilters,
  type ReportPermission,
} from "./definitions";
export { readReportFile, REPORT_TTL_MS, runReport, sendDueReports } from "./run";
export { estimateReportRows, preparedReportQuery, REPORT_FETCH_ROWS, streamReport } from "./stream";
