/**
 * One coded error set for every marketplace. The sync engine decides retries from `code` alone:
 * RATE_LIMITED and TRANSIENT are retried with backoff (honouring `retryAfterMs`), AUTH_EXPIRED
 * triggers a token refresh, AUTH_REVOKED marks the connection for re-authorization, VALIDATION
 * and NOT_FOUND are final for that change.
 */
export const channelErrorCodes = [
  "RATE_LIMITED",
  "AUTH_EXPIRED",
  "AUTH_REVOKED",
  "VALIDATION",
  "NOT_FOUND",
  "TRANSIENT",
] as const;

export type ChannelErrorCode = (typeof channelErrorCodes)[number];

export interface ChannelErrorDetails {
  /** Platform error identifier (`error_auth`, `105002`, …). */
  platformCode?: string;
  httpStatus?: number;
  requestId?: string;
  /** For RATE_LIMITED: how long to wait, from `Retry-After` or a default. */
  retryAfterMs?: number;
  cause?: unknown;
}

export class ChannelError extends Error {
  override readonly name = "ChannelError";
  readonly platformCode: string | undefined;
  readonly httpStatus: number | undefined;
  readonly requestId: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly code: ChannelErrorCode,
    message: string,
    details: ChannelErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.platformCode = details.platformCode;
    this.httpStatus = details.httpStatus;
    this.requestId = details.requestId;
    this.retryAfterMs = details.retryAfterMs;
  }

  get retryable(): boolean {
    return this.code === "RATE_LIMITED" || this.code === "TRANSIENT";
  }
}

export function isChannelError(value: unknown): value is ChannelError {
  return value instanceof ChannelError;
}

/** Used when a platform rate-limits without saying for how long. */
export const DEFAULT_RETRY_AFTER_MS = 1000;

/** `Retry-After` is either delta-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Maps failures below HTTP (DNS, reset connections, our timeout) to TRANSIENT. */
export function networkError(cause: unknown, what: string): ChannelError {
  const timedOut = cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");
  return new ChannelError(
    "TRANSIENT",
    timedOut ? `${what} timed out` : `${what} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    { cause },
  );
}
