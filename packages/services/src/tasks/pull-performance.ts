import { sqlRows } from "@syncstore/db";
import { localDay, shopTimeZone } from "@syncstore/domain";
import type { z } from "zod";
import { pullPerformance } from "../analytics/pull";
import type { TaskContext } from "../context";
import { enqueue } from "../enqueue";
import type { taskPayloads } from "../payloads";

/**
 * Cron (hourly): queues the daily performance pull of every connected shop whose last pull did
 * not finish today in the shop's time zone, or that stopped part-way. One job key per shop.
 */
export async function schedulePerformancePulls(_payload: unknown, ctx: TaskContext): Promise<void> {
  const rows = await sqlRows<{ id: string; region: string | null; finished_at: Date | null; status: string | null }>(
    ctx.orm.em.fork(),
    `select c.id, c.region, p.finished_at, p.status
       from channel_connection c left join analytics_pull p on p.connection_id = c.id
      where c.status in ('active', 'expiring')`,
  );
  const now = new Date();
  const due = rows.filter((row) => {
    if (!row.finished_at || row.status === "idle" || row.status === "failed") return true;
    const zone = shopTimeZone(row.region);
    return localDay(new Date(row.finished_at), zone) < localDay(now, zone);
  });
  if (due.length === 0) return;
  await ctx.orm.em.fork().transactional(async (tx) => {
    for (const row of due)
      await enqueue(
        tx,
        "pull-performance",
        { connectionId: row.id },
        { jobKey: `pull-performance:${row.id}`, jobKeyMode: "preserve_run_at", maxAttempts: 5, priority: "low" },
      );
  });
  ctx.log.info({ shops: due.length }, "queued performance pulls");
}

/** One shop's pull; a run that spent its call budget queues its own continuation. */
export async function pullPerformanceTask(
  payload: z.infer<(typeof taskPayloads)["pull-performance"]>,
  ctx: TaskContext,
): Promise<void> {
  const result = await pullPerformance(
    { em: ctx.orm.em.fork(), channels: ctx.channels, log: ctx.log },
    payload.connectionId,
  );
  ctx.log.info({ ...result, connectionId: payload.connectionId }, "performance pull finished");
  if (result.status === "partial")
    await ctx.orm.em.fork().transactional((tx) =>
      enqueue(
        tx,
        "pull-performance",
        { connectionId: payload.connectionId },
        {
          jobKey: `pull-performance:${payload.connectionId}`,
          maxAttempts: 5,
          priority: "low",
          runAt: new Date(Date.now() + 60_000),
        },
      ),
    );
}
