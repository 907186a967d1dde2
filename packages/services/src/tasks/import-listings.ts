import { isChannelError } from "@syncstore/channels";
import { ChannelConnection, type ChannelImportProgress } from "@syncstore/db";
import { retryChannelCall } from "../channels/retry-call";
import { ConnectionUnavailableError, withShopSession } from "../channels/shop-session";
import type { TaskContext } from "../context";
import {
  databaseNow,
  importRowsOf,
  markMissingListingsDeleted,
  saveImportProgress,
  upsertImportedPage,
} from "../listings/import";

/** Channel products per page: each page commits with its cursor, so a retry resumes after it. */
export const IMPORT_PAGE_SIZE = 50;

export function importListingsJobKey(connectionId: string): string {
  return `import-listings:${connectionId}`;
}

/**
 * Pulls a connected shop's products page by page, upserts one listing per channel variant and
 * links those whose SKU matches a master variant. Each page commits with the cursor and counts in
 * `channel_connection.import_progress` and is announced (`listings.changed`, reason "import"), so
 * the Channels page shows progress and a retry continues after the last committed page. A request
 * that already finished does nothing. A pass starts at the database clock (`startedAt`); when its last
 * page commits, listings the shop no longer returned are marked deleted on the channel
 * (`markMissingListingsDeleted`) in the same transaction. Refusals that retrying cannot fix (validation, revoked access,
 * a disconnected shop) end the import as failed at once; transient ones retry with backoff.
 */
export async function importListings(payload: { connectionId: string }, ctx: TaskContext): Promise<void> {
  const { connectionId } = payload;
  const row = await ctx.orm.em.fork().findOne(ChannelConnection, { id: connectionId }, { filters: false });
  const requested = row?.importProgress;
  if (!row || !requested || (requested.status !== "queued" && requested.status !== "running")) return;
  const organizationId = row.organizationId;
  const room = ctx.realtime.toOrganization(organizationId);
  const announce = async (listingIds: string[], variantIds: string[]) => {
    await room
      .emit("listings.changed", { listingIds, variantIds, connectionId, reason: "import" })
      .catch((err: unknown) => ctx.log.warn({ err }, "emit failed"));
  };
  let progress: ChannelImportProgress = { ...requested, status: "running", error: null };
  // A fresh pass starts now in database time; a retry keeps its pass start (and cursor).
  if (requested.status === "queued" && requested.cursor === null)
    progress = { ...progress, startedAt: await databaseNow(ctx.orm.em.fork()) };
  const platformName = row.platform === "shopee" ? "Shopee" : "TikTok Shop";
  await saveImportProgress(ctx.orm.em.fork(), connectionId, progress);
  try {
    for (;;) {
      const cursor = progress.cursor;
      const page = await withShopSession(ctx.orm.em, ctx.channels, connectionId, ctx.log, (adapter, session) =>
        retryChannelCall(() => adapter.listProducts(session, { pageToken: cursor, pageSize: IMPORT_PAGE_SIZE })),
      );
      const rows = importRowsOf(page.products);
      const result = await ctx.orm.em.fork().transactional(async (tx) => {
        const saved = await upsertImportedPage(tx, organizationId, connectionId, rows);
        if (!page.nextPageToken) {
          const gone = await markMissingListingsDeleted(
            tx,
            organizationId,
            connectionId,
            platformName,
            progress.startedAt,
          );
          saved.listingIds.push(...gone.map((listing) => listing.id));
          saved.variantIds.push(...gone.flatMap((listing) => (listing.variantId ? [listing.variantId] : [])));
        }
        progress = {
          ...progress,
          products: progress.products + page.products.length,
          total: page.total ?? progress.total,
          listings: progress.listings + rows.length,
          linked: progress.linked + saved.linked,
          cursor: page.nextPageToken,
        };
        if (!page.nextPageToken)
          progress = { ...progress, status: "succeeded", finishedAt: new Date().toISOString(), cursor: null };
        await saveImportProgress(tx, connectionId, progress);
        return saved;
      });
      await announce(result.listingIds, result.variantIds);
      if (!page.nextPageToken) break;
    }
    ctx.log.info({ connectionId, ...progress, cursor: undefined }, "listing import finished");
    await room
      .emit("connection.changed", { connectionId, status: row.status })
      .catch((err: unknown) => ctx.log.warn({ err }, "emit failed"));
  } catch (error) {
    const final =
      error instanceof ConnectionUnavailableError ||
      (isChannelError(error) && !error.retryable) ||
      ctx.helpers.job.attempts >= ctx.helpers.job.max_attempts;
    const message = error instanceof Error ? error.message : String(error);
    await saveImportProgress(ctx.orm.em.fork(), connectionId, {
      ...progress,
      status: final ? "failed" : "running",
      error: final ? message : `Retrying after: ${message}`,
      finishedAt: final ? new Date().toISOString() : null,
    });
    await announce([], []);
    if (final) {
      ctx.log.warn({ connectionId, error: message }, "listing import failed");
      return;
    }
    throw error;
  }
}
