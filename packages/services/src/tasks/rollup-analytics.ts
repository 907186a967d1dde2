import { rollupSales, rollupSyncHealth } from "../analytics/rollup";
import type { TaskContext } from "../context";

/** Cron (every 5 minutes): the sales and sync-health rollups, each incremental and idempotent. */
export async function rollupAnalytics(_payload: unknown, ctx: TaskContext): Promise<void> {
  const sales = await rollupSales(ctx.orm.em);
  const health = await rollupSyncHealth(ctx.orm.em);
  if (sales.buckets + health.buckets > 0)
    ctx.log.info({ salesBuckets: sales.buckets, healthBuckets: health.buckets }, "analytics rollups updated");
}
