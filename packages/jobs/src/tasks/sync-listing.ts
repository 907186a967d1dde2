import type { TaskContext } from "../context";

/** Placeholder replaced by the sync engine (issue 5); a job that reaches it fails loudly. */
export async function syncListing(payload: { listingId: string }, ctx: TaskContext): Promise<void> {
  ctx.log.error({ listingId: payload.listingId }, "sync-listing is not implemented yet");
  throw new Error("sync-listing is not implemented yet");
}
