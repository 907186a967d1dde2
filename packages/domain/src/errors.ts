/**
 * Every failure a service may report on purpose, in the API, the worker or the gateway. The
 * transport decides what a code becomes (the tRPC layer maps codes to TRPCError codes; route
 * handlers to HTTP statuses); nothing below the API creates transport errors itself.
 */
export const domainErrorCodes = [
  "NOT_FOUND",
  "FORBIDDEN",
  "CONFLICT",
  "INVALID",
  "LAST_OWNER",
  "EXPIRED",
  "NO_ACTIVE_ORGANIZATION",
  "UNAUTHENTICATED",
] as const;

export type DomainErrorCode = (typeof domainErrorCodes)[number];

/** One invalid input field, at its full path (`changes.3.variant.sku`), like a zod issue. */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

export class DomainError extends Error {
  override readonly name = "DomainError";
  /** Set for input problems only the database can reveal (a taken SKU, an unknown category). */
  readonly fields: readonly FieldIssue[];

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    options: { fields?: FieldIssue[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.fields = options.fields ?? [];
  }

  /**
   * Input problems reported like schema errors: `INVALID` with one issue per field path, so a form
   * or the grid marks the same fields it marks for its own validation.
   */
  static invalidFields(issues: FieldIssue[]): DomainError {
    return new DomainError("INVALID", issues[0]?.message ?? "Some fields are invalid", { fields: issues });
  }
}
