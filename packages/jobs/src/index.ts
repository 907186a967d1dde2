export type { JobDeps, TaskContext } from "./context";
export { enqueue, jobPriority, InvalidJobPayloadError, type EnqueueOptions } from "./enqueue";
export { createJobDeps } from "./deps";
export { createMailer, type Mail, type Mailer } from "./mailer";
export { taskPayloads, type TaskName, type TaskPayload } from "./payloads";
export { createTaskList, crontab, invitationLink } from "./tasks";
export {
  connectionsDueForRefresh,
  refreshConnection,
  REFRESH_AHEAD_MS,
  type RefreshOutcome,
} from "./channels/refresh-connection";
export {
  BULK_BATCH_SIZE,
  BULK_KIND_CATALOG,
  bulkParametersSchema,
  bulkSelectionRecordSchema,
  rowsChangedChunks,
  runBulkBatch,
  type BulkBatchResult,
  type BulkSelectionRecord,
} from "./catalog-bulk/engine";
export {
  BULK_KIND_IMPORT,
  currentRowColumns,
  currentRowFrom,
  importApplyRecordSchema,
  importChanges,
  importParametersSchema,
  runImportBatch,
  type CurrentRowLike,
  type ImportApplyRecord,
} from "./catalog-bulk/import";
export { CATALOG_BULK_MAX_ATTEMPTS } from "./tasks/catalog-bulk-operation";
export { markListingsForSync, SYNC_LISTING_TASK, syncListingJobKey, type MarkForSyncInput } from "./sync/mark";
