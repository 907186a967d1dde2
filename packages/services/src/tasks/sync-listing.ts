import type { TaskContext } from "../context";
import { runSyncJob } from "../sync/engine";
import { defaultSyncSettings } from "../sync/settings";

/**
 * Pushes a listing (and other pending listings of its shop, batched) to the marketplace. Sync
 * failures are handled inside (recorded, rescheduled with backoff, or final); only unexpected
 * errors (database down) throw, so graphile-worker's own retry applies to those alone.
 */
export async function syncListing(payload: { listingId: string }, ctx: TaskContext): Promise<void> {
  await runSyncJob(
    {
      em: ctx.orm.em,
      channels: ctx.channels,
      realtime: ctx.realtime,
      log: ctx.log,
      settings: ctx.sync ?? defaultSyncSettings,
    },
    payload.listingId,
    ctx.helpers.abortSignal,
  );
}
