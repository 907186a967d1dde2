import { type DomainError, type DomainErrorCode } from "@syncstore/domain";
import { TRPCError } from "@trpc/server";
import { ZodRealError } from "zod";

export { DomainError, type DomainErrorCode, type FieldIssue } from "@syncstore/domain";

/** The transport code of each domain error code: the one place TRPCErrors are made from them. */
export const domainErrorCodes = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  INVALID: "BAD_REQUEST",
  LAST_OWNER: "FORBIDDEN",
  EXPIRED: "BAD_REQUEST",
  NO_ACTIVE_ORGANIZATION: "PRECONDITION_FAILED",
  UNAUTHENTICATED: "UNAUTHORIZED",
} as const satisfies Record<DomainErrorCode, TRPCError["code"]>;

/**
 * A domain error as a TRPCError. Field issues travel as a zod error (ZodRealError, not ZodError,
 * because only it extends Error, which tRPC needs to keep it as cause), so the error formatter
 * reports them per field path exactly like schema errors.
 */
export function toTRPCError(error: DomainError): TRPCError {
  if (error.fields.length) {
    const cause = new ZodRealError(
      error.fields.map((issue) => ({
        code: "custom" as const,
        path: issue.path,
        message: issue.message,
        input: undefined,
      })),
    );
    return new TRPCError({ code: domainErrorCodes[error.code], message: error.message, cause });
  }
  return new TRPCError({ code: domainErrorCodes[error.code], message: error.message, cause: error });
}

/** The HTTP status of a domain error, for route handlers outside tRPC. */
export function httpStatusOf(error: DomainError): number {
  const status: Record<TRPCError["code"], number> = {
    BAD_REQUEST: 400,
    UNAUTHORIZED: 401,
    FORBIDDEN: 403,
    NOT_FOUND: 404,
    CONFLICT: 409,
    PRECONDITION_FAILED: 412,
  } as Record<TRPCError["code"], number>;
  return status[domainErrorCodes[error.code]] ?? 500;
}
