import type { z } from "zod";
import { connectionsDueForRefresh, refreshConnection } from "../channels/refresh-connection";
import type { TaskContext } from "../context";
import { enqueue } from "../enqueue";
import type { taskPayloads } from "../payloads";

/** Cron: one refresh job per connection about to expire (a job key per connection folds repeats). */
export async function refreshChannelTokens(_payload: unknown, ctx: TaskContext): Promise<void> {
  const due = await connectionsDueForRefresh(ctx.orm.em);
  if (due.length === 0) return;
  await ctx.orm.em.fork().transactional(async (tx) => {
    for (const connectionId of due) {
      await enqueue(
        tx,
        "refresh-channel-token",
        { connectionId },
        { jobKey: `channel-refresh:${connectionId}`, maxAttempts: 3 },
      );
    }
  });
  ctx.log.info({ connections: due.length }, "queued channel token refreshes");
}

/** Refreshes one connection under its row lock (see refreshConnection). */
export async function refreshChannelToken(
  payload: z.infer<(typeof taskPayloads)["refresh-channel-token"]>,
  ctx: TaskContext,
): Promise<void> {
  await refreshConnection(ctx.orm.em, ctx.channels, payload.connectionId, ctx.log);
}
