export { createContext, type ApiDeps, type Context, type CreateContextOptions } from "./core/context";
export { createCallerFactory, type ProcedureAccess, type ProcedureMeta } from "./core/trpc";
export { DomainError, domainErrorCodes, type DomainErrorCode } from "./core/errors";
export { getApiDeps } from "./deps";
export { appRouter, type AppRouter } from "./routers";
export type { RouterInputs, RouterOutputs } from "./types";
export { completeConnect, type CompleteConnectInput } from "./services/channels/connections";
export { httpStatusOf } from "./core/errors";
export { requireMembership, type Membership } from "./core/membership";
export { exportVariantsCsv, exportColumnNames, type ExportColumn } from "./services/catalog/export-csv";
export { exportRequestSchema, type ExportRequest } from "./routers/catalog/export-request";
export { exportOrdersCsv } from "./services/orders/export-csv";
export { exportOrdersRequestSchema } from "./routers/orders/schemas";
export { exportAuditCsv } from "./services/audit-export";
export { auditExportInput } from "./routers/audit/list-audit";
export {
  dryRunImport,
  IMPORT_MAX_BYTES,
  ImportTooLargeError,
  storeUpload,
  type ImportReport,
} from "./services/catalog/csv-import";
export { allowedReport, DIRECT_DOWNLOAD_MAX_ROWS } from "./services/reports";
export { readReportFile, reportFiltersSchema, streamReport } from "@syncstore/services/reports";
export { createTrpcHandler, originRefusal, type TrpcHandlerOptions } from "./core/http";
export { DEFAULT_API_LIMITS, type ApiLimits } from "./core/rate-limit";
export { exportStockCsv } from "./services/inventory/export-csv";
export { stockQuerySchema } from "./routers/inventory/schemas";
