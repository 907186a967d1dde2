import { getErrorDetails } from "@/lib/errors";

/** Errors a retry cannot fix: the request itself is wrong or not allowed. */
const finalCodes = new Set([
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "PRECONDITION_FAILED",
]);

export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  const { code } = getErrorDetails(error);
  if (code && finalCodes.has(code)) return false;
  return failureCount < 2;
}
