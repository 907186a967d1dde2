import { TRPCError } from "@trpc/server";

/** Every failure a service may report on purpose. One mapper turns them into transport errors. */
export const domainErrorCodes = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  INVALID: "BAD_REQUEST",
  LAST_OWNER: "FORBIDDEN",
  EXPIRED: "BAD_REQUEST",
  NO_ACTIVE_ORGANIZATION: "PRECONDITION_FAILED",
  UNAUTHENTICATED: "UNAUTHORIZED",
} as const satisfies Record<string, TRPCError["code"]>;

export type DomainErrorCode = keyof typeof domainErrorCodes;

export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function toTRPCError(error: DomainError): TRPCError {
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
