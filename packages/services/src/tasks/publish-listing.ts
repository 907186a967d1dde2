import type { TaskContext } from "../context";
import { publishListing } from "../listings/publish-run";

export const PUBLISH_MAX_ATTEMPTS = 5;

export function publishListingJobKey(connectionId: string, productId: string): string {
  return `publish-listing:${connectionId}:${productId}`;
}

/** `publish-listing`: creates the product (or its new variants) on the shop; see `publishListing`. */
export async function publishListingTask(
  payload: { connectionId: string; productId: string },
  ctx: TaskContext,
): Promise<void> {
  await publishListing(
    { ...ctx, attempt: ctx.helpers.job.attempts, maxAttempts: ctx.helpers.job.max_attempts },
    payload,
  );
}
