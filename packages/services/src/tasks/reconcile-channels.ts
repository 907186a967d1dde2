import type { z } from "zod";
import type { TaskContext } from "../context";
import { enqueue } from "../enqueue";
import type { taskPayloads } from "../payloads";
import { adoptUnknownShopEvents } from "../webhooks/adopt";
import { connectionsToReconcile, reconcileConnection } from "../webhooks/reconcile";

/**
 * Cron: adopts events of shops that were unknown when they arrived but are connected now, then
 * queues one reconciliation job per connected shop (a job key per shop folds overlapping passes).
 */
export async function reconcileChannels(_payload: unknown, ctx: TaskContext): Promise<void> {
  const adopted = await ctx.orm.em.fork().transactional((tx) => adoptUnknownShopEvents(tx));
  if (adopted > 0) ctx.log.info({ adopted }, "adopted webhook events of newly connected shops");
  const due = await connectionsToReconcile(ctx.orm.em.fork());
  if (due.length === 0) return;
  await ctx.orm.em.fork().transactional(async (tx) => {
    for (const connectionId of due)
      await enqueue(
        tx,
        "reconcile-connection",
        { connectionId },
        { jobKey: `reconcile:${connectionId}`, maxAttempts: 3, priority: "low" },
      );
  });
  ctx.log.info({ connections: due.length }, "queued reconciliation passes");
}

/** One pass over one shop (see reconcileConnection). */
export async function reconcileConnectionTask(
  payload: z.infer<(typeof taskPayloads)["reconcile-connection"]>,
  ctx: TaskContext,
): Promise<void> {
  await reconcileConnection(ctx, payload.connectionId, ctx.log);
}
