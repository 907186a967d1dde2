export type { JobDeps, TaskContext } from "./context";
export {
  addJobsSql,
  enqueue,
  jobPriority,
  InvalidJobPayloadError,
  type EnqueueOptions,
  type JobSpecs,
} from "./enqueue";
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
  type BulkSelectionRecord,
} from "./catalog/engine";
export {
  adoptListingsIntoProduct,
  BULK_KIND_LISTING_CREATE,
  BULK_KIND_LISTING_LINK,
  LISTING_BATCH_SIZE,
  listingBulkParametersSchema,
  listingBulkResultSchema,
  planProductCreation,
  planSkuLinks,
  runListingBatch,
  type CreatePlanGroup,
  type CreatePlanVariant,
  type LinkPlanRow,
  type ListingBulkParameters,
  type ListingBulkResult,
} from "./listings/bulk";
export { BULK_KIND_IMPORT, importParametersSchema, runImportBatch, type ImportParameters } from "./catalog/import";
export {
  loadStagedImport,
  mapImportHeaders,
  scanStagedImport,
  type ImportReport,
  type MappingOverrides,
  type StagedImport,
} from "./catalog/import-scan";
export type { BulkBatchResult, ImportApplyRecord } from "./catalog/batch";
export { markCatalogForSync } from "./catalog/sync";
export {
  insertCatalogProduct,
  lockCatalogRows,
  writeCatalogChanges,
  type NewProduct,
  type NewVariant,
  type AuditEntry,
  type CatalogWrite,
  type CatalogWriteResult,
  type FieldsWrite,
  type LockedCatalogRow,
  type ProductColumns,
  type StockWrite,
  type VariantColumns,
} from "./catalog/writer";
export { pruneCatalogImportRecords } from "./tasks/prune-catalog-imports";
export { CATALOG_BULK_MAX_ATTEMPTS } from "./tasks/catalog-bulk-operation";
export { markListingsForSync, SYNC_LISTING_TASK, syncListingJobKey, type MarkForSyncInput } from "./sync/mark";
export { importListingsJobKey } from "./tasks/import-listings";
export { publishListingJobKey, PUBLISH_MAX_ATTEMPTS } from "./tasks/publish-listing";
export { WEBHOOK_PROCESS_MAX_ATTEMPTS, WEBHOOK_PROCESS_TASK, webhookProcessJobKey } from "./webhooks/constants";
export {
  processWebhookEvent,
  recordProcessingFailure,
  type EventEffect,
  type ProcessOutcome,
} from "./webhooks/process";
export { reconcileConnection, connectionsToReconcile, type ReconcileResult } from "./webhooks/reconcile";
export { adoptUnknownShopEvents } from "./webhooks/adopt";
export { normalizeOrderStatus, driftOf, type OrderStatus } from "./webhooks/rules";
export { raiseAlert, announceAlerts, type RaiseAlertInput } from "./alerts/raise";
export { runSyncJob, type SyncEngineDeps, type SyncJobSummary } from "./sync/engine";
export { releaseExpiredClaims, requeuePendingListings } from "./sync/claims";
export { defaultSyncSettings, syncSettingsFrom, backoffDelayMs, type SyncSettings } from "./sync/settings";
export { reserveCall, holdCalls, rateKey } from "./sync/rate-limit";
export {
  ConnectionUnavailableError,
  isShopReachable,
  loadShopConnection,
  shopConnectionColumns,
  shopSessionOf,
  withShopSession,
  type ShopConnection,
} from "./channels/shop-session";
export { organizationCurrency } from "./settings/currency";
export { channelPrice, loadConnectionPricing, pricingCurrency, type ConnectionPricing } from "./listings/pricing";
export {
  resolveConflicts,
  resolutionStrategies,
  type ResolutionStrategy,
  type ResolveInput,
  type ResolveResult,
} from "./conflicts/resolve";
export { detectConflicts, type DetectResult } from "./conflicts/detect";
export { CONFLICT_IDS_PER_EVENT, conflictsChanged } from "./conflicts/alerts";
export { rollupSales, rollupSyncHealth } from "./analytics/rollup";
export { writeMaster as adoptIntoMaster } from "./conflicts/apply";
export { applyLinkedOrderLines } from "./orders/link";
export { applyOrderStock, type ApplyOrderStockInput, type OrderStockResult } from "./orders/stock";
export { checkLowStock, DEFAULT_LOW_STOCK_THRESHOLD } from "./alerts/low-stock";
export {
  setOnHand,
  type SetOnHandInput,
  type SetOnHandResult,
  type StockTarget,
  type RefusedTarget,
} from "./inventory/adjust";
export { BULK_KIND_COUNT, countParametersSchema, runCountBatch, type CountParameters } from "./inventory/count";
export { retryChannelCall } from "./channels/retry-call";
