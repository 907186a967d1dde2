import { announceAlerts } from "../alerts/raise";
import type { TaskContext } from "../context";
import { rowsChangedChunks, runBulkBatch } from "../catalog/engine";

export const CATALOG_BULK_MAX_ATTEMPTS = 5;

/**
 * Runs a bulk operation batch by batch, each batch in its own transaction (see `runBulkBatch`).
 * After each commit it announces `bulk.progress` and the changed rows; it stops between batches
 * when the operation was cancelled. Idempotent: the cursor commits with each batch, so a retry
 * resumes after the last committed batch, and a finished operation does nothing. When the last
 * attempt fails, the operation is marked failed so it does not look like it is still running.
 */
export async function catalogBulkOperation(payload: { operationId: string }, ctx: TaskContext): Promise<void> {
  const { operationId } = payload;
  try {
    for (;;) {
      const result = await ctx.orm.em.fork().transactional((tx) => runBulkBatch(tx, operationId));
      {
        const room = ctx.realtime.toOrganization(result.organizationId);
        await room.emit("bulk.progress", result.progress).catch((err: unknown) => ctx.log.warn({ err }, "emit failed"));
        if (result.listingsChanged)
          await room
            .emit("listings.changed", { ...result.listingsChanged, reason: "import" })
            .catch((err: unknown) => ctx.log.warn({ err }, "emit failed"));
        if (result.actorId) {
          for (const chunk of rowsChangedChunks(result.changedVariantIds, result.actorId))
            await room
              .emit("catalog.rows_changed", chunk)
              .catch((err: unknown) => ctx.log.warn({ err }, "emit failed"));
        }
      }
      await announceAlerts(
        ctx.realtime,
        ctx.log,
        result.alerts.map((alert) => ({ organizationId: result.organizationId, alert })),
      );
      if (result.status !== "running" || result.processed === 0) {
        ctx.log.info(result.progress, "bulk operation ended");
        return;
      }
    }
  } catch (err) {
    if (ctx.helpers.job.attempts >= ctx.helpers.job.max_attempts) {
      const [organizationId] = await orgOf(ctx, operationId);
      const rows = await ctx.orm.em.fork().execute<{ done: number; failed: number; total: number }[]>(
        `update bulk_operation set status = 'failed', finished_at = now()
            where id = ? and status in ('queued', 'running') returning done, failed, total`,
        [operationId],
      );
      const row = rows[0];
      if (organizationId && row)
        await ctx.realtime
          .toOrganization(organizationId)
          .emit("bulk.progress", { operationId, ...row, status: "failed" })
          .catch(() => undefined);
    }
    throw err;
  }
}

async function orgOf(ctx: TaskContext, operationId: string): Promise<(string | undefined)[]> {
  const rows = await ctx.orm.em
    .fork()
    .execute<{ organization_id: string }[]>(`select organization_id from bulk_operation where id = ?`, [operationId]);
  return [rows[0]?.organization_id];
}
