import { setTimeout as sleep } from "node:timers/promises";
import { isChannelError } from "@syncstore/channels";
import pRetry from "p-retry";

/**
 * Retries one marketplace call on RATE_LIMITED (after the wait the platform asks for) and
 * TRANSIENT (exponential backoff with jitter); every other failure is thrown at once. A job gets
 * through short bursts of 429/5xx without giving up its place; longer outages fail the attempt
 * and graphile-worker's own backoff takes over.
 */
export function retryChannelCall<T>(call: () => Promise<T>, retries = 4): Promise<T> {
  return pRetry(call, {
    retries,
    minTimeout: 200,
    maxTimeout: 5_000,
    factor: 2,
    randomize: true,
    shouldRetry: ({ error }) => isChannelError(error) && error.retryable,
    onFailedAttempt: async ({ error }) => {
      if (isChannelError(error) && error.code === "RATE_LIMITED" && error.retryAfterMs)
        await sleep(Math.min(error.retryAfterMs, 30_000));
    },
  });
}
