import { type Chunk } from "./batch";
import { ChannelError } from "./errors";
import { type BatchFailure, type BatchResult } from "./types";

/** After these, further calls to the same shop would fail the same way: stop and report. */
const stopCodes = new Set<ChannelError["code"]>(["RATE_LIMITED", "AUTH_EXPIRED", "AUTH_REVOKED"]);

/** What sending one chunk returns: the entries the platform refused, and its request id. */
export interface ChunkOutcome<T> {
  failures: BatchFailure<T>[];
  requestId?: string | undefined;
}

/**
 * Sends chunks one after another (the engine parallelises across shops, not within one shop's
 * quota). `send` returns the entries the platform refused individually; a thrown ChannelError
 * fails the whole chunk. Entries superseded within the batch count as succeeded.
 */
export async function runBatches<T>(
  chunks: readonly Chunk<T>[],
  superseded: readonly T[],
  send: (chunk: Chunk<T>) => Promise<BatchFailure<T>[] | ChunkOutcome<T>>,
): Promise<BatchResult<T>> {
  const result: BatchResult<T> = { succeeded: [...superseded], failed: [], calls: 0, requestIds: [] };
  let stoppedBy: ChannelError | undefined;
  for (const current of chunks) {
    if (stoppedBy) {
      for (const update of current.entries) result.failed.push({ update, error: stoppedBy });
      continue;
    }
    try {
      result.calls += 1;
      const sent = await send(current);
      const failures = Array.isArray(sent) ? sent : sent.failures;
      if (!Array.isArray(sent) && sent.requestId) result.requestIds?.push(sent.requestId);
      const failed = new Set(failures.map((failure) => failure.update));
      result.failed.push(...failures);
      result.succeeded.push(...current.entries.filter((entry) => !failed.has(entry)));
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error;
      for (const update of current.entries) result.failed.push({ update, error });
      if (error.requestId) result.requestIds?.push(error.requestId);
      if (stopCodes.has(error.code)) stoppedBy = error;
    }
  }
  return result;
}

/**
 * Checks each entry locally first (ids, price decimals) so one bad entry fails alone instead of
 * taking its whole chunk down with it.
 */
export async function withLocalValidation<T>(
  updates: readonly T[],
  validate: (update: T) => void,
  run: (valid: T[]) => Promise<BatchResult<T>>,
): Promise<BatchResult<T>> {
  const valid: T[] = [];
  const invalid: BatchFailure<T>[] = [];
  for (const update of updates) {
    try {
      validate(update);
      valid.push(update);
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error;
      invalid.push({ update, error });
    }
  }
  const result = valid.length > 0 ? await run(valid) : { succeeded: [], failed: [], calls: 0 };
  return { ...result, failed: [...invalid, ...result.failed] };
}
