import { sqlRows } from "@syncstore/db";
import type { z } from "zod";
import type { TaskContext } from "../context";
import type { taskPayloads } from "../payloads";
import { runReport, sendDueReports } from "../reports/run";

/** A report run requested from the Reports page (too large to stream directly). */
export async function runReportTask(
  payload: z.infer<(typeof taskPayloads)["run-report"]>,
  ctx: TaskContext,
): Promise<void> {
  await runReport({ em: ctx.orm.em.fork(), realtime: ctx.realtime, log: ctx.log }, payload.runId);
}

/** Cron: sends the scheduled reports that are due. */
export async function sendScheduledReports(_payload: unknown, ctx: TaskContext): Promise<void> {
  const sent = await sendDueReports({
    em: ctx.orm.em.fork(),
    realtime: ctx.realtime,
    log: ctx.log,
    mailer: ctx.mailer,
    webUrl: ctx.webUrl,
  });
  if (sent > 0) ctx.log.info({ sent }, "scheduled reports sent");
}

/** Cron: expired report files are deleted (the run stays in the history, without its file). */
export async function pruneReportFiles(_payload: unknown, ctx: TaskContext): Promise<void> {
  await sqlRows(
    ctx.orm.em.fork(),
    `delete from report_file_chunk c using report_run r where r.id = c.run_id and r.expires_at < now()`,
  );
}
