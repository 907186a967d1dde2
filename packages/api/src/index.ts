export { createContext, type ApiDeps, type Context, type CreateContextOptions } from "./core/context";
export { createCallerFactory, type ProcedureAccess, type ProcedureMeta } from "./core/trpc";
export { DomainError, domainErrorCodes, type DomainErrorCode } from "./core/errors";
export { getApiDeps } from "./deps";
export { appRouter, type AppRouter } from "./routers";
export type { RouterInputs, RouterOutputs } from "./types";
export { completeConnect, type CompleteConnectInput } from "./services/channels/connections";
